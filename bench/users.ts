import type { Client } from 'ldapts';
import { hashAnswer } from '../activities/enrollment/answer-hash';
import type { Db } from '../db/database';
import { saveEnrollment } from '../db/enrollments';
import { currentPolicy } from '../db/policy';
import { asRoot } from '../dev/ldap-users';
import type { Slapd } from '../dev/slapd';

export interface BenchUser {
  uid: string;
  mail: string;
  /** 0, 1, 2…: tells the user's client address. */
  index: number;
}

/** The answer every benchmark user gave to question `id` when enrolled. */
export function answerFor(id: number): string {
  return `bench answer ${id}`;
}

/**
 * Adds `count` users (no password: the recovery sets one) over one root connection, with mail
 * unless `withMail` is false (their `mail` is then only the name they would have had).
 */
export async function seedUsers(
  slapd: Omit<Slapd, 'stop'>,
  prefix: string,
  count: number,
  first = 0,
  withMail = true,
): Promise<BenchUser[]> {
  const users = Array.from({ length: count }, (_, i) => ({
    uid: `${prefix}.${first + i}`,
    mail: `${prefix}.${first + i}@example.org`,
    index: first + i,
  }));
  await asRoot(slapd, async (client) => {
    // A few adds in flight at once: LDAP answers each by its message id.
    for (let i = 0; i < users.length; i += 16) {
      await Promise.all(
        users.slice(i, i + 16).map((user) => addUser(client, slapd, user, withMail)),
      );
    }
  });
  return users;
}

function addUser(client: Client, slapd: Omit<Slapd, 'stop'>, user: BenchUser, withMail: boolean) {
  return client.add(`uid=${user.uid},${slapd.usersDn}`, {
    objectClass: 'inetOrgPerson',
    uid: user.uid,
    cn: `Bench User ${user.index}`,
    givenName: 'Bench',
    sn: `User ${user.index}`,
    ...(withMail && { mail: user.mail }),
  });
}

/**
 * Enrols the users as if each had filled the enrollment form: the policy's number of questions,
 * answered with answerFor(id). The answers' hashes are made once and shared (argon2id salts
 * them, so they verify alike); only the journey's verification cost matters here.
 */
export async function enrollUsers(db: Db, users: readonly BenchUser[]): Promise<void> {
  const { min_questions } = await currentPolicy(db);
  const questions = await db
    .selectFrom('questions')
    .select('id')
    .where('active', '=', 1)
    .orderBy('id')
    .limit(min_questions)
    .execute();
  const answers = await Promise.all(
    questions.map(async ({ id }) => ({ questionId: id, hash: await hashAnswer(answerFor(id)) })),
  );
  for (const user of users) {
    await saveEnrollment(db, {
      username: user.uid,
      alternateMail: `alt.${user.mail}`,
      locale: 'en',
      answers,
    });
  }
}

/** The user's address as the web sees it behind the trusted proxy: one per user. */
export function clientAddressOf(user: BenchUser): string {
  const n = user.index % 131_072; // 198.18.0.0/15
  return `198.${18 + (n >> 16)}.${(n >> 8) & 255}.${n & 255}`;
}
