import { canonicalUsername } from '../../common/domain/username';
import type { Db } from '../../db/database';
import { type EnrollmentOverview, enrollmentOverview } from '../../db/enrollments';
import { lockedUntil } from '../../db/lockouts';
import type { DirectoryUser } from '../../directory/directory';
import type { AdminDeps } from './deps';
import { adminPaths } from './paths';

/** What the user catalog knows of one user: the directory's account and the service's records. */
export interface UserAccount {
  /** The canonical username: the key of the user's records and workflows. */
  username: string;
  /** The directory's account; absent when it has none by this name (or did not answer). */
  user?: DirectoryUser;
  /** The directory did not answer: what depends on it is refused for now. */
  directoryDown?: true;
  enrollment?: EnrollmentOverview;
  /** When the user's recovery lockout ends, while one is in force. */
  lockedUntil?: string;
}

/** The user catalog's actions, each behind a confirmation. */
export const userActions = ['delete-questions', 'alternate-link', 'reset', 'lift-lockout'] as const;
export type UserAction = (typeof userActions)[number];

export function isUserAction(value: string): value is UserAction {
  return (userActions as readonly string[]).includes(value);
}

/** A user's page in the catalog, or the confirmation page of one of its actions. */
export function userPath(username: string, action?: UserAction): string {
  const page = `${adminPaths.users}/${encodeURIComponent(canonicalUsername(username))}`;
  return action ? `${page}/${action}` : page;
}

/** Why an action makes no sense for this user now; each has a message in both languages. */
export type Refusal =
  | 'directory-down'
  | 'no-account'
  | 'disabled'
  | 'no-mail'
  | 'not-enrolled'
  | 'alternate-unverified'
  | 'locked-out'
  | 'not-locked'
  | 'in-session'
  | 'reset-running'
  | 'unavailable';

/**
 * The directory's account for a name (its own username decides the records' key: on AD a
 * UPN typed finds the sAMAccountName), the enrollment and the lockout under that key.
 */
export async function loadUserAccount(
  deps: Pick<AdminDeps, 'db' | 'directory' | 'log'>,
  typed: string,
): Promise<UserAccount> {
  const name = canonicalUsername(typed);
  let user: DirectoryUser | undefined;
  try {
    user = await deps.directory.findUser(name);
  } catch (error) {
    deps.log.warn({ err: error }, 'user catalog: the directory did not answer');
    return { ...(await records(deps.db, name)), directoryDown: true };
  }
  const username = user ? canonicalUsername(user.username) : name;
  return { ...(await records(deps.db, username)), user };
}

async function records(db: Db, username: string): Promise<UserAccount> {
  const [enrollment, until] = await Promise.all([
    enrollmentOverview(db, username),
    lockedUntil(db, username),
  ]);
  return { username, enrollment, lockedUntil: until };
}

/**
 * Why `action` cannot be done for this account, from what the page knows; undefined when it
 * can. (The action checks Temporal's side when it runs.)
 */
export function refusalOf(action: UserAction, account: UserAccount): Refusal | undefined {
  switch (action) {
    case 'delete-questions':
      return account.enrollment ? undefined : 'not-enrolled';
    case 'lift-lockout':
      return account.lockedUntil ? undefined : 'not-locked';
    case 'reset':
      return recoverable(account);
    case 'alternate-link': {
      const problem = recoverable(account);
      if (problem) return problem;
      if (!account.enrollment) return 'not-enrolled';
      if (!account.enrollment.alternateVerifiedAt) return 'alternate-unverified';
      // The recovery would end quietly at the lockout: the admin lifts it first.
      return account.lockedUntil ? 'locked-out' : undefined;
    }
  }
}

/** An account whose password the service may reset: known, enabled, with an address. */
function recoverable(account: UserAccount): Refusal | undefined {
  if (account.directoryDown) return 'directory-down';
  if (!account.user) return 'no-account';
  if (account.user.disabled) return 'disabled';
  return account.user.mail ? undefined : 'no-mail';
}
