import type { Directory, DirectoryUser } from '../../directory/directory';

/** Why a directory sign-in was refused: for the audit only, never shown (the page says one thing). */
export type DirectoryRefusal =
  | 'unknown-user'
  | 'wrong-password'
  | 'not-in-group'
  | 'disabled'
  | 'locked'
  | 'must-change';

/** Why a name is not a directory admin, before any password is looked at. */
export type NotAnAdmin = Extract<DirectoryRefusal, 'unknown-user' | 'not-in-group' | 'disabled'>;

export type DirectoryAdminCheck =
  | { ok: true; username: string }
  | { ok: false; reason: DirectoryRefusal };

/**
 * The enabled account a name answers to, if it is in the admin group (AD counts nested groups),
 * read with the service account alone: no bind, so whatever password came with the name
 * never reaches the directory. Both the sign-in and the session's re-check ask it.
 */
export async function findDirectoryAdmin(
  directory: Directory,
  groupDn: string,
  name: string,
): Promise<{ ok: true; user: DirectoryUser } | { ok: false; reason: NotAnAdmin }> {
  const user = await directory.findUser(name);
  if (!user) return { ok: false, reason: 'unknown-user' };
  if (!(await directory.isMemberOf(user.dn, groupDn))) return { ok: false, reason: 'not-in-group' };
  if (user.disabled) return { ok: false, reason: 'disabled' };
  return { ok: true, user };
}

/**
 * Whether a directory user may administer: they are an enabled member of the admin group, and
 * only then is the password tried with a bind of its own, so a name typed at the console can
 * lock (through the directory's lockout) only an admin's account, never an employee's. A
 * password that must be changed (a temporary key after a reset) is refused too: that key is for
 * changing the password and nothing else. A directory that does not answer throws: the caller
 * says so, and nothing about the account. The refusals take different times here; the sign-in
 * (web/admin/auth.ts) evens them out.
 */
export async function checkDirectoryAdmin(
  directory: Directory,
  groupDn: string,
  name: string,
  password: string,
): Promise<DirectoryAdminCheck> {
  const found = await findDirectoryAdmin(directory, groupDn, name);
  if (!found.ok) return found;
  const signIn = await directory.checkSignIn(found.user.dn, password);
  if (signIn === 'invalid') return { ok: false, reason: 'wrong-password' };
  if (signIn === 'disabled') return { ok: false, reason: 'disabled' };
  if (signIn === 'locked') return { ok: false, reason: 'locked' };
  if (signIn === 'must-change') return { ok: false, reason: 'must-change' };
  return { ok: true, username: found.user.username };
}
