import type { Directory } from '../../directory/directory';

/** Why a directory sign-in was refused: for the audit only, never shown (the page says one thing). */
export type DirectoryRefusal =
  | 'unknown-user'
  | 'wrong-password'
  | 'not-in-group'
  | 'disabled'
  | 'locked'
  | 'must-change';

export type DirectoryAdminCheck =
  | { ok: true; username: string }
  | { ok: false; reason: DirectoryRefusal };

/**
 * Whether a directory user may administer: the password is theirs, the account may sign in,
 * and they are in the admin group (AD counts nested groups).
 *
 * Every name costs the same requests, in the same order: the lookup, the membership check and
 * a bind on a connection of its own. An unknown name goes through them on the admin group's own
 * entry, which has no password and is not a member of itself, so it is refused like a wrong
 * password, at about the same cost. A password that must be changed (a temporary key after a
 * reset) is refused too: that key is for changing the password and nothing else.
 * A directory that does not answer throws: the caller says so, and nothing about the account.
 */
export async function checkDirectoryAdmin(
  directory: Directory,
  groupDn: string,
  name: string,
  password: string,
): Promise<DirectoryAdminCheck> {
  const user = await directory.findUser(name);
  const dn = user?.dn ?? groupDn;
  const member = await directory.isMemberOf(dn, groupDn);
  const signIn = await directory.checkSignIn(dn, password);
  if (!user) return { ok: false, reason: 'unknown-user' };
  if (signIn === 'invalid') return { ok: false, reason: 'wrong-password' };
  if (user.disabled || signIn === 'disabled') return { ok: false, reason: 'disabled' };
  if (signIn === 'locked') return { ok: false, reason: 'locked' };
  if (!member) return { ok: false, reason: 'not-in-group' };
  if (signIn === 'must-change') return { ok: false, reason: 'must-change' };
  return { ok: true, username: user.username };
}
