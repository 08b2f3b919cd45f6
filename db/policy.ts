import type { Db } from './database';
import type { PolicyVersion } from './schema';

/** The policy in force: the newest version. */
export async function currentPolicy(db: Db): Promise<PolicyVersion> {
  return db
    .selectFrom('policy_versions')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
}

export type PolicyChange = Partial<Omit<PolicyVersion, 'id' | 'created_at' | 'created_by'>>;

/** Records a new version of the policy made of the current one with `change` applied. */
export async function changePolicy(
  db: Db,
  change: PolicyChange,
  actor: string,
): Promise<PolicyVersion> {
  const { id: _previous, ...current } = await currentPolicy(db);
  return db
    .insertInto('policy_versions')
    .values({ ...current, ...change, created_at: new Date().toISOString(), created_by: actor })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The policy's versions, newest first: the admin console shows who changed what, when. */
export async function policyHistory(db: Db, limit = 50): Promise<PolicyVersion[]> {
  return db.selectFrom('policy_versions').selectAll().orderBy('id', 'desc').limit(limit).execute();
}
