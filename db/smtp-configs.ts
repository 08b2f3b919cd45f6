import type { Selectable } from 'kysely';
import type { SecretBox } from '../common/secret-box';
import type { Db } from './database';
import type { SmtpConfigsTable, TlsMode } from './schema';

/** What a sealed SMTP password is bound to: it opens as nothing else. */
export const smtpPasswordPurpose = 'smtp-password';

export const tlsModes: readonly TlsMode[] = ['none', 'starttls', 'tls'];

/** What an admin enters for an SMTP configuration. */
export interface SmtpConfigInput {
  name: string;
  host: string;
  port: number;
  tlsMode: TlsMode;
  /** Blank or absent: no authentication (and no password). */
  username?: string | null;
  /** Blank or absent on update: the stored password is kept. */
  password?: string;
  senderAddress: string;
}

export interface SmtpConfigChange extends Partial<SmtpConfigInput> {
  /** Remove the stored password (a blank `password` keeps it). */
  clearPassword?: boolean;
}

/** A configuration as pages show it: never the password, only whether one is set. */
export interface SmtpConfigView {
  id: number;
  name: string;
  host: string;
  port: number;
  tlsMode: TlsMode;
  username: string | null;
  hasPassword: boolean;
  senderAddress: string;
  createdAt: string;
  updatedAt: string;
  /** The last test message; `at` before `updatedAt`: it tested an earlier version. */
  lastTest: SmtpTestRecord | null;
}

/** What a test message found: its code (SmtpTestCode) and the server's answer, if any. */
export interface SmtpTestRecord {
  at: string;
  code: string;
  detail: string | null;
}

/** How to reach an SMTP server, as the environment's SSPR_SMTP_* settings say it too. */
export interface SmtpSettings {
  host: string;
  port: number;
  tls: TlsMode;
  user?: string;
  password?: string;
}

/** A configuration with its password opened: for the mailer and the test message only. */
export interface SmtpConfigForSending {
  id: number;
  name: string;
  /** With the id, names the version of the configuration (the mailer's cache key). */
  updatedAt: string;
  senderAddress: string;
  settings: SmtpSettings;
}

/** Problems with an input, by field, as codes the admin page translates. */
export type SmtpConfigProblem =
  | 'required'
  | 'too-long'
  | 'invalid-host'
  | 'invalid-port'
  | 'invalid-tls-mode'
  | 'invalid-email'
  | 'name-taken';
export type SmtpConfigProblems = Partial<Record<keyof SmtpConfigInput, SmtpConfigProblem>>;

/** An input refused; `problems` says which fields and why. */
export class SmtpConfigInvalid extends Error {
  override name = 'SmtpConfigInvalid';
  constructor(readonly problems: SmtpConfigProblems) {
    super(
      `Invalid SMTP configuration: ${Object.entries(problems)
        .map(([field, problem]) => `${field} ${problem}`)
        .join(', ')}`,
    );
  }
}

const emailPattern =
  /^[^\s@<>()",;:\\[\]]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;
const hostPattern =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[?[0-9A-Fa-f:.]+\]?)$/;

/** The domain of an address, lower-cased ('' when it has none). */
export function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0
    ? ''
    : address
        .slice(at + 1)
        .trim()
        .toLowerCase();
}

/** Checks an input's fields; `partial` checks only the fields present (an update). */
export function smtpConfigProblems(
  input: Partial<SmtpConfigInput>,
  partial = false,
): SmtpConfigProblems {
  const problems: SmtpConfigProblems = {};
  const present = (field: keyof SmtpConfigInput) => !partial || input[field] !== undefined;
  const text = (field: 'name' | 'host' | 'senderAddress', max: number) => {
    if (!present(field)) return undefined;
    const value = (input[field] ?? '').trim();
    if (value === '') problems[field] = 'required';
    else if (value.length > max) problems[field] = 'too-long';
    return value;
  };
  text('name', 100);
  const host = text('host', 253);
  if (host && !problems.host && !hostPattern.test(host)) problems.host = 'invalid-host';
  if (present('port')) {
    const port = input.port;
    if (port === undefined) problems.port = 'required';
    else if (!Number.isInteger(port) || port < 1 || port > 65535) problems.port = 'invalid-port';
  }
  if (present('tlsMode') && !tlsModes.includes(input.tlsMode as TlsMode)) {
    problems.tlsMode = 'invalid-tls-mode';
  }
  const sender = text('senderAddress', 254);
  if (sender && !problems.senderAddress && !emailPattern.test(sender)) {
    problems.senderAddress = 'invalid-email';
  }
  if ((input.username ?? '').length > 254) problems.username = 'too-long';
  if ((input.password ?? '').length > 1024) problems.password = 'too-long';
  return problems;
}

type Row = Selectable<SmtpConfigsTable>;

function view(row: Row): SmtpConfigView {
  return {
    id: row.id,
    name: row.name,
    host: row.host,
    port: row.port,
    tlsMode: row.tls_mode,
    username: row.username,
    hasPassword: row.password_sealed !== null,
    senderAddress: row.sender_address,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastTest:
      row.last_test_at === null || row.last_test_code === null
        ? null
        : { at: row.last_test_at, code: row.last_test_code, detail: row.last_test_detail },
  };
}

/** Every configuration, by name; passwords are never read out. */
export async function listSmtpConfigs(db: Db): Promise<SmtpConfigView[]> {
  const rows = await db.selectFrom('smtp_configs').selectAll().orderBy('name').execute();
  return rows.map(view);
}

export async function getSmtpConfig(db: Db, id: number): Promise<SmtpConfigView | undefined> {
  const row = await db
    .selectFrom('smtp_configs')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row && view(row);
}

async function nameTaken(db: Db, name: string, except?: number): Promise<boolean> {
  let query = db.selectFrom('smtp_configs').select('id').where('name', '=', name);
  if (except !== undefined) query = query.where('id', '!=', except);
  return (await query.executeTakeFirst()) !== undefined;
}

const blank = (value: string | null | undefined) => (value ?? '').trim() === '';

/** Saves a new configuration, its password sealed; throws SmtpConfigInvalid. */
export async function createSmtpConfig(
  db: Db,
  box: SecretBox,
  input: SmtpConfigInput,
): Promise<SmtpConfigView> {
  const problems = smtpConfigProblems(input);
  const name = input.name.trim();
  if (!problems.name && (await nameTaken(db, name))) problems.name = 'name-taken';
  if (Object.keys(problems).length > 0) throw new SmtpConfigInvalid(problems);
  const username = blank(input.username) ? null : (input.username ?? '').trim();
  const now = new Date().toISOString();
  const row = await db
    .insertInto('smtp_configs')
    .values({
      name,
      host: input.host.trim(),
      port: input.port,
      tls_mode: input.tlsMode,
      username,
      password_sealed:
        username === null || !input.password ? null : box.seal(input.password, smtpPasswordPurpose),
      sender_address: input.senderAddress.trim(),
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return view(row);
}

/**
 * Changes a configuration. A blank password keeps the stored one; a blank username removes
 * authentication, and with it the password. Returns undefined when there is no such id.
 */
export async function updateSmtpConfig(
  db: Db,
  box: SecretBox,
  id: number,
  change: SmtpConfigChange,
): Promise<SmtpConfigView | undefined> {
  const problems = smtpConfigProblems(change, true);
  const name = change.name?.trim();
  if (name && !problems.name && (await nameTaken(db, name, id))) problems.name = 'name-taken';
  if (Object.keys(problems).length > 0) throw new SmtpConfigInvalid(problems);
  return db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('smtp_configs')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!current) return undefined;
    const username =
      change.username === undefined
        ? current.username
        : blank(change.username)
          ? null
          : (change.username ?? '').trim();
    let sealed = current.password_sealed;
    if (change.clearPassword) sealed = null;
    if (change.password) sealed = box.seal(change.password, smtpPasswordPurpose);
    if (username === null) sealed = null;
    const row = await trx
      .updateTable('smtp_configs')
      .set({
        ...(name !== undefined && { name }),
        ...(change.host !== undefined && { host: change.host.trim() }),
        ...(change.port !== undefined && { port: change.port }),
        ...(change.tlsMode !== undefined && { tls_mode: change.tlsMode }),
        ...(change.senderAddress !== undefined && {
          sender_address: change.senderAddress.trim(),
        }),
        username,
        password_sealed: sealed,
        updated_at: laterThan(current.updated_at),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return view(row);
  });
}

/** Now, or a millisecond after `previous`: a version's stamp always moves forward. */
function laterThan(previous: string): string {
  return new Date(Math.max(Date.now(), Date.parse(previous) + 1)).toISOString();
}

/** Keeps a test message's result with its configuration; its version (updated_at) stays. */
export async function recordSmtpTest(
  db: Db,
  id: number,
  test: Omit<SmtpTestRecord, 'at'>,
  at = new Date(),
): Promise<void> {
  await db
    .updateTable('smtp_configs')
    .set({
      last_test_at: at.toISOString(),
      last_test_code: test.code,
      last_test_detail: test.detail,
    })
    .where('id', '=', id)
    .execute();
}

/** Deletes a configuration; false when there was none. */
export async function deleteSmtpConfig(db: Db, id: number): Promise<boolean> {
  const result = await db.deleteFrom('smtp_configs').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

function forSending(row: Row, box: SecretBox): SmtpConfigForSending {
  return {
    id: row.id,
    name: row.name,
    updatedAt: row.updated_at,
    senderAddress: row.sender_address,
    settings: {
      host: row.host,
      port: row.port,
      tls: row.tls_mode,
      ...(row.username !== null && { user: row.username }),
      ...(row.password_sealed !== null && {
        password: box.open(row.password_sealed, smtpPasswordPurpose),
      }),
    },
  };
}

/** One configuration with its password opened (the test message); undefined: no such id. */
export async function smtpConfigForSending(
  db: Db,
  box: SecretBox,
  id: number,
): Promise<SmtpConfigForSending | undefined> {
  const row = await db
    .selectFrom('smtp_configs')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row && forSending(row, box);
}

/** The versions of every configuration, cheaply: what the mailer checks before each send. */
export async function smtpConfigVersions(
  db: Db,
): Promise<Array<{ id: number; senderAddress: string; updatedAt: string }>> {
  const rows = await db
    .selectFrom('smtp_configs')
    .select(['id', 'sender_address', 'updated_at'])
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, senderAddress: r.sender_address, updatedAt: r.updated_at }));
}

/**
 * The configuration for a sender: the one whose sender address is that address, else the
 * oldest whose sender address has its domain; undefined when none matches.
 */
export function chooseSmtpConfig<C extends { id: number; senderAddress: string }>(
  configs: readonly C[],
  sender: string,
): C | undefined {
  const wanted = sender.trim().toLowerCase();
  const domain = domainOf(wanted);
  const byId = [...configs].sort((a, b) => a.id - b.id);
  return (
    byId.find((c) => c.senderAddress.trim().toLowerCase() === wanted) ??
    (domain === '' ? undefined : byId.find((c) => domainOf(c.senderAddress) === domain))
  );
}

/**
 * Seals again every password sealed with a key other than the current one (after a new key
 * was put first in SSPR_SECRETS_KEY); the configuration's version stays. A password that no
 * configured key opens is left as it is and named (its admin must enter it again).
 */
export async function resealSmtpPasswords(
  db: Db,
  box: SecretBox,
): Promise<{ resealed: number; unreadable: number[] }> {
  const rows = await db
    .selectFrom('smtp_configs')
    .select(['id', 'password_sealed'])
    .where('password_sealed', 'is not', null)
    .execute();
  let resealed = 0;
  const unreadable: number[] = [];
  for (const row of rows) {
    if (row.password_sealed === null || !box.isStale(row.password_sealed)) continue;
    let password: string;
    try {
      password = box.open(row.password_sealed, smtpPasswordPurpose);
    } catch {
      unreadable.push(row.id);
      continue;
    }
    const result = await db
      .updateTable('smtp_configs')
      .set({ password_sealed: box.seal(password, smtpPasswordPurpose) })
      .where('id', '=', row.id)
      // Not if an admin changed it meanwhile.
      .where('password_sealed', '=', row.password_sealed)
      .executeTakeFirst();
    resealed += Number(result.numUpdatedRows);
  }
  return { resealed, unreadable };
}
