import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { DatabaseLocation } from '../../../common/config';
import { SecretBox } from '../../../common/secret-box';
import type { Db } from '../../../db/database';
import {
  chooseSmtpConfig,
  createSmtpConfig,
  deleteSmtpConfig,
  getSmtpConfig,
  listSmtpConfigs,
  recordSmtpTest,
  resealSmtpPasswords,
  type SmtpConfigInput,
  SmtpConfigInvalid,
  smtpConfigForSending,
  smtpConfigVersions,
  updateSmtpConfig,
} from '../../../db/smtp-configs';
import { type FreshDatabase, onDialect } from './fresh-database';

const password = 'Tr0ub4dor&3-smtp-secret';
const testKey = randomBytes(32);
const box = new SecretBox([{ id: 'test', key: testKey }]);

const input = (over: Partial<SmtpConfigInput> = {}): SmtpConfigInput => ({
  name: `Relay ${randomBytes(3).toString('hex')}`,
  host: 'smtp.example.com',
  port: 587,
  tlsMode: 'starttls',
  username: 'mailer@example.com',
  password,
  senderAddress: 'soporte@example.com',
  ...over,
});

/** SMTP configurations (R2-R4) on one dialect: passwords sealed, versions, tests. */
export function smtpConfigsSuite(dialect: DatabaseLocation['dialect'], fresh: FreshDatabase) {
  const { skipped, title, open } = onDialect('SMTP configurations', dialect, fresh);

  /** Every column of the row as the database holds it. */
  const rawRow = async (db: Db, id: number) =>
    (await sql<Record<string, unknown>>`select * from smtp_configs where id = ${id}`.execute(db))
      .rows[0];

  describe.skipIf(skipped)(title, () => {
    it('creates, lists and gets a configuration; the password is sealed and never read out', async () => {
      const { db } = await open();
      const created = await createSmtpConfig(db, box, input({ name: '  Main relay ' }));
      expect(created).toMatchObject({
        name: 'Main relay',
        host: 'smtp.example.com',
        port: 587,
        tlsMode: 'starttls',
        username: 'mailer@example.com',
        hasPassword: true,
        senderAddress: 'soporte@example.com',
      });
      expect(created.createdAt).toBe(created.updatedAt);
      expect(JSON.stringify(created)).not.toContain(password);
      expect(await getSmtpConfig(db, created.id)).toEqual(created);
      const listed = await listSmtpConfigs(db);
      expect(listed).toContainEqual(created);
      expect(JSON.stringify(listed)).not.toContain(password);
      expect(Object.keys(created)).not.toContain('password');

      // The raw row holds the sealed form only, which opens with the key.
      const raw = await rawRow(db, created.id);
      expect(JSON.stringify(raw)).not.toContain(password);
      expect(raw?.password_sealed).toMatch(/^v1\.test\./);
      expect(box.open(String(raw?.password_sealed), 'smtp-password')).toBe(password);
      expect((await smtpConfigForSending(db, box, created.id))?.settings).toEqual({
        host: 'smtp.example.com',
        port: 587,
        tls: 'starttls',
        user: 'mailer@example.com',
        password,
      });
      // Another key cannot open it.
      const other = new SecretBox([{ id: 'test', key: randomBytes(32) }]);
      await expect(smtpConfigForSending(db, other, created.id)).rejects.toThrow(
        /fails authentication/,
      );
    });

    it('update: a blank password keeps the old one; a new one replaces it; the version moves on', async () => {
      const { db } = await open();
      const created = await createSmtpConfig(db, box, input());
      const sealedBefore = (await rawRow(db, created.id))?.password_sealed;
      const kept = await updateSmtpConfig(db, box, created.id, {
        host: 'smtp2.example.com',
        port: 465,
        tlsMode: 'tls',
        password: '',
      });
      expect(kept).toMatchObject({ host: 'smtp2.example.com', port: 465, hasPassword: true });
      expect((kept?.updatedAt ?? '') > created.updatedAt).toBe(true);
      expect((await rawRow(db, created.id))?.password_sealed).toBe(sealedBefore);

      const replaced = await updateSmtpConfig(db, box, created.id, { password: 'new-secret' });
      expect((replaced?.updatedAt ?? '') > (kept?.updatedAt ?? '')).toBe(true);
      expect((await smtpConfigForSending(db, box, created.id))?.settings.password).toBe(
        'new-secret',
      );
      expect(JSON.stringify(await rawRow(db, created.id))).not.toContain('new-secret');

      // Updates within one millisecond still give each version its own stamp.
      const stamps = new Set<string>();
      for (let i = 0; i < 5; i++) {
        stamps.add(
          (await updateSmtpConfig(db, box, created.id, { port: 2525 + i }))?.updatedAt ?? '',
        );
      }
      expect(stamps.size).toBe(5);

      const cleared = await updateSmtpConfig(db, box, created.id, { clearPassword: true });
      expect(cleared?.hasPassword).toBe(false);
      expect(cleared?.username).toBe('mailer@example.com');
    });

    it('a blank user means no authentication, and no password kept', async () => {
      const { db } = await open();
      const created = await createSmtpConfig(db, box, input({ username: ' ', password: 'x' }));
      expect(created).toMatchObject({ username: null, hasPassword: false });
      expect((await smtpConfigForSending(db, box, created.id))?.settings).toEqual({
        host: 'smtp.example.com',
        port: 587,
        tls: 'starttls',
      });
      const withUser = await createSmtpConfig(db, box, input());
      expect(await updateSmtpConfig(db, box, withUser.id, { username: '' })).toMatchObject({
        username: null,
        hasPassword: false,
      });
      expect((await rawRow(db, withUser.id))?.password_sealed).toBeNull();
    });

    it('refuses bad fields by name, a name already taken; unknown ids are undefined/false', async () => {
      const { db } = await open();
      const problems = async (action: Promise<unknown>) => {
        const error = await action.then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(SmtpConfigInvalid);
        return (error as SmtpConfigInvalid).problems;
      };
      expect(
        await problems(
          createSmtpConfig(db, box, {
            name: ' ',
            host: 'bad host!',
            port: 70000,
            tlsMode: 'ssl' as never,
            senderAddress: 'not-an-address',
          }),
        ),
      ).toEqual({
        name: 'required',
        host: 'invalid-host',
        port: 'invalid-port',
        tlsMode: 'invalid-tls-mode',
        senderAddress: 'invalid-email',
      });
      const first = await createSmtpConfig(db, box, input({ name: 'Taken' }));
      expect(await problems(createSmtpConfig(db, box, input({ name: 'Taken' })))).toEqual({
        name: 'name-taken',
      });
      const second = await createSmtpConfig(db, box, input({ name: 'Other' }));
      expect(await problems(updateSmtpConfig(db, box, second.id, { name: 'Taken' }))).toEqual({
        name: 'name-taken',
      });
      // Renaming to its own name is fine; only the fields given are checked on update.
      expect(await updateSmtpConfig(db, box, first.id, { name: 'Taken' })).toBeDefined();
      expect(await problems(updateSmtpConfig(db, box, first.id, { port: 0 }))).toEqual({
        port: 'invalid-port',
      });
      expect(await getSmtpConfig(db, 99_999)).toBeUndefined();
      expect(await updateSmtpConfig(db, box, 99_999, { port: 25 })).toBeUndefined();
      expect(await deleteSmtpConfig(db, 99_999)).toBe(false);
      expect(await deleteSmtpConfig(db, second.id)).toBe(true);
      expect(await getSmtpConfig(db, second.id)).toBeUndefined();
    });

    it('chooses by the sender address: the same address first, else the oldest of its domain (R3)', () => {
      const configs = [
        { id: 3, senderAddress: 'it@Example.com' },
        { id: 1, senderAddress: 'noreply@example.com' },
        { id: 2, senderAddress: 'soporte@empresa.mx' },
      ];
      expect(chooseSmtpConfig(configs, 'IT@example.COM')?.id).toBe(3);
      expect(chooseSmtpConfig(configs, 'helpdesk@EXAMPLE.com')?.id).toBe(1);
      expect(chooseSmtpConfig(configs, 'x@empresa.mx')?.id).toBe(2);
      expect(chooseSmtpConfig(configs, 'x@sub.empresa.mx')).toBeUndefined();
      expect(chooseSmtpConfig(configs, 'x@other.org')).toBeUndefined();
      expect(chooseSmtpConfig([], 'x@example.com')).toBeUndefined();
    });

    it('versions list ids, senders and stamps only; reseal moves passwords to the current key', async () => {
      const { db } = await open();
      const created = await createSmtpConfig(db, box, input());
      const versions = await smtpConfigVersions(db);
      expect(versions).toContainEqual({
        id: created.id,
        senderAddress: created.senderAddress,
        updatedAt: created.updatedAt,
      });
      expect(JSON.stringify(versions)).not.toContain('v1.');

      const rotated = new SecretBox([
        { id: 'next', key: randomBytes(32) },
        { id: 'test', key: testKey },
      ]);
      const { resealed, unreadable } = await resealSmtpPasswords(db, rotated);
      expect(resealed).toBeGreaterThan(0);
      expect(unreadable).toEqual([]);
      expect((await rawRow(db, created.id))?.password_sealed).toMatch(/^v1\.next\./);
      expect((await smtpConfigForSending(db, rotated, created.id))?.settings.password).toBe(
        password,
      );
      expect((await getSmtpConfig(db, created.id))?.updatedAt).toBe(created.updatedAt);
      expect(await resealSmtpPasswords(db, rotated)).toEqual({ resealed: 0, unreadable: [] });
      // A key that opens nothing here: the passwords stay, and are named.
      const lost = await resealSmtpPasswords(
        db,
        new SecretBox([{ id: 'x', key: randomBytes(32) }]),
      );
      expect(lost.resealed).toBe(0);
      expect(lost.unreadable).toContain(created.id);
      expect((await rawRow(db, created.id))?.password_sealed).toMatch(/^v1\.next\./);
    });

    it('keeps the last test message with its configuration; the version stays (R4)', async () => {
      const { db } = await open();
      const created = await createSmtpConfig(db, box, input());
      expect(created.lastTest).toBeNull();
      const at = new Date(Date.parse(created.updatedAt) + 1000);
      await recordSmtpTest(
        db,
        created.id,
        { code: 'auth', detail: '535 5.7.8 Authentication failed' },
        at,
      );
      const tested = await getSmtpConfig(db, created.id);
      expect(tested).toMatchObject({
        updatedAt: created.updatedAt,
        lastTest: { at: at.toISOString(), code: 'auth', detail: '535 5.7.8 Authentication failed' },
      });
      // Changed since: the record stays, older than the new version.
      const changed = await updateSmtpConfig(db, box, created.id, { port: 2525 });
      expect(changed?.lastTest).toEqual(tested?.lastTest);
      await recordSmtpTest(db, created.id, { code: 'ok', detail: null });
      expect((await getSmtpConfig(db, created.id))?.lastTest).toMatchObject({
        code: 'ok',
        detail: null,
      });
    });
  });
}
