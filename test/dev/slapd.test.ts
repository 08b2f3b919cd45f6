import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  Attribute,
  Change,
  Client,
  ConstraintViolationError,
  InsufficientAccessError,
  InvalidCredentialsError,
  NoSuchObjectError,
} from 'ldapts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, deleteUser } from '../../dev/ldap-users';
import { demoUsers, type Slapd, startSlapd } from '../../dev/slapd';

const run = promisify(execFile);
const dirs: string[] = [];
const servers: Slapd[] = [];

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sspr-slapd-'));
  dirs.push(dir);
  return dir;
}

async function start(dataDir: string, seed: 'demo' | 'empty' = 'demo'): Promise<Slapd> {
  const slapd = await startSlapd({ dataDir, seed });
  servers.push(slapd);
  return slapd;
}

/** A client bound as `dn`; closed after the test run. */
const clients: Client[] = [];
async function bound(slapd: Slapd, dn: string, password: string, url = slapd.url) {
  const tlsOptions = url.startsWith('ldaps:') ? { ca: [await readFile(slapd.caFile)] } : undefined;
  const client = new Client({ url, tlsOptions });
  clients.push(client);
  await client.bind(dn, password);
  return client;
}

const replace = (type: string, value: string) =>
  new Change({ operation: 'replace', modification: new Attribute({ type, values: [value] }) });

afterAll(async () => {
  await Promise.all(clients.map((client) => client.unbind().catch(() => {})));
  await Promise.all(servers.map((slapd) => slapd.stop()));
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('slapd seeded with demo users', () => {
  let slapd: Slapd;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await tempDir();
    slapd = await start(dataDir);
  });

  it('lets the service account read a demo user over LDAP and LDAPS', async () => {
    for (const url of [slapd.url, slapd.ldapsUrl]) {
      const service = await bound(slapd, slapd.serviceDn, slapd.servicePassword, url);
      const { searchEntries } = await service.search(slapd.usersDn, {
        filter: '(uid=ana.garcia)',
        attributes: ['mail', 'cn'],
      });
      expect(searchEntries).toEqual([
        expect.objectContaining({ mail: 'ana.garcia@example.org', cn: 'Ana García' }),
      ]);
    }
  });

  it('seeds every demo user with a working password and the admin in the admin group', async () => {
    const service = await bound(slapd, slapd.serviceDn, slapd.servicePassword);
    for (const user of demoUsers) {
      const dn = `uid=${user.uid},${slapd.usersDn}`;
      await bound(slapd, dn, user.password);
      const [entry] = (await service.search(dn, { scope: 'base', attributes: ['mail'] }))
        .searchEntries;
      expect(entry?.mail).toEqual(user.mail ?? []);
      const isMember = await service.compare(slapd.adminGroupDn, 'member', dn);
      expect(isMember).toBe(user.admin === true);
    }
  });

  it('shows nothing to anonymous clients but the root DSE', async () => {
    const anonymous = new Client({ url: slapd.url });
    clients.push(anonymous);
    await expect(anonymous.search(slapd.usersDn, { filter: '(uid=*)' })).rejects.toBeInstanceOf(
      NoSuchObjectError,
    );
    const rootDse = await anonymous.search('', { scope: 'base', attributes: ['namingContexts'] });
    expect(rootDse.searchEntries[0]?.namingContexts).toBe(slapd.suffix);
  });

  it('lets the service account reset a password with pwdReset, but never read hashes', async () => {
    const dn = await createUser(slapd, {
      uid: 'reset.me',
      mail: 'reset.me@example.org',
      password: 'First-pass-1',
    });
    const service = await bound(slapd, slapd.serviceDn, slapd.servicePassword);
    await service.modify(dn, [
      replace('userPassword', 'Temporary-key-1'),
      replace('pwdReset', 'TRUE'),
    ]);

    const [entry] = (
      await service.search(dn, {
        scope: 'base',
        attributes: ['userPassword', 'pwdHistory', 'pwdReset'],
      })
    ).searchEntries;
    expect(entry).toEqual({ dn, pwdReset: 'TRUE', userPassword: [], pwdHistory: [] });

    // The user signs in with the temporary key but must change it before doing anything else.
    const user = await bound(slapd, dn, 'Temporary-key-1');
    await expect(user.search(dn, { scope: 'base' })).rejects.toBeInstanceOf(
      InsufficientAccessError,
    );
    await user.modify(dn, replace('userPassword', 'Chosen-by-me-1'));
    await bound(slapd, dn, 'Chosen-by-me-1');
  });

  it('rejects a too-short password from the service account with code 19', async () => {
    const dn = await createUser(slapd, { uid: 'short.pw', password: 'Long-enough-1' });
    const service = await bound(slapd, slapd.serviceDn, slapd.servicePassword);
    const error = await service.modify(dn, replace('userPassword', 'short')).catch((e) => e);
    expect(error).toBeInstanceOf(ConstraintViolationError);
    expect(error).toMatchObject({ code: 19 });
  });

  it('locks an account after 5 bad passwords and lets the service account unlock it', async () => {
    const dn = await createUser(slapd, { uid: 'lock.me', password: 'Right-pass-1' });
    for (let i = 0; i < 5; i++) {
      await expect(bound(slapd, dn, 'wrong-pass')).rejects.toBeInstanceOf(InvalidCredentialsError);
    }
    await expect(bound(slapd, dn, 'Right-pass-1')).rejects.toBeInstanceOf(InvalidCredentialsError);
    const service = await bound(slapd, slapd.serviceDn, slapd.servicePassword);
    await service.modify(
      dn,
      new Change({
        operation: 'delete',
        modification: new Attribute({ type: 'pwdAccountLockedTime' }),
      }),
    );
    await bound(slapd, dn, 'Right-pass-1');
  });

  it('creates and deletes users for tests, admin membership included', async () => {
    const dn = await createUser(slapd, {
      uid: 'temp.admin',
      givenName: 'Tomás',
      sn: 'Ibáñez',
      mail: 'temp.admin@example.org',
      password: 'Admin-pass-1',
      admin: true,
    });
    const service = await bound(slapd, slapd.serviceDn, slapd.servicePassword);
    const [entry] = (await service.search(dn, { scope: 'base', attributes: ['cn', 'pwdReset'] }))
      .searchEntries;
    expect(entry).toEqual({ dn, cn: 'Tomás Ibáñez', pwdReset: [] });
    expect(await service.compare(slapd.adminGroupDn, 'member', dn)).toBe(true);

    await deleteUser(slapd, 'temp.admin');
    await deleteUser(slapd, 'temp.admin');
    expect(await service.compare(slapd.adminGroupDn, 'member', dn)).toBe(false);
    await expect(service.search(dn, { scope: 'base' })).rejects.toBeInstanceOf(NoSuchObjectError);
  });

  it('keeps its data and certificate across restarts and leaves no process behind', async () => {
    const dn = await createUser(slapd, { uid: 'survivor', password: 'Survive-1234' });
    const cert = await readFile(slapd.caFile, 'utf8');
    await slapd.stop();
    await slapd.stop();
    await expect(run('pgrep', ['-f', dataDir])).rejects.toMatchObject({ code: 1 });

    slapd = await start(dataDir);
    await bound(slapd, dn, 'Survive-1234');
    expect(await readFile(slapd.caFile, 'utf8')).toBe(cert);
  });
});

describe('slapd seeded empty', () => {
  it('has the tree, the service account and an admin group with no real member', async () => {
    const slapd = await start(await tempDir(), 'empty');
    const service = await bound(slapd, slapd.serviceDn, slapd.servicePassword);
    const users = await service.search(slapd.usersDn, { scope: 'one' });
    expect(users.searchEntries).toEqual([]);
    const [group] = (await service.search(slapd.adminGroupDn, { scope: 'base' })).searchEntries;
    expect(group?.member).toBe('');
  });
});

describe('slapd that cannot start', () => {
  let blocker: Server;
  afterAll(() => new Promise<void>((resolve) => blocker.close(() => resolve())));

  it('fails fast with the end of its log', async () => {
    // Whatever connects to the taken port (our readiness check) is hung up on at once.
    blocker = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    const started = Date.now();
    const attempt = startSlapd({ dataDir: await tempDir(), port, seed: 'empty' });
    await expect(attempt).rejects.toThrow(/ended \(exit code 1\)[\s\S]*Address already in use/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
