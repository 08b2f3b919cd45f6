import type { PasswordRejection, PasswordRules } from '../common/domain/passwords';

/** What the recovery needs from a directory, whatever its kind (OpenLDAP or Active Directory). */

export interface DirectoryUser {
  dn: string;
  username: string;
  displayName: string;
  /** The directory's main address; absent when the account has none. */
  mail?: string;
  /** A disabled account ends the recovery quietly. */
  disabled?: boolean;
}

/** A page of the admin's user catalog: the users found, and whether there were more. */
export interface UserSearchResult {
  users: DirectoryUser[];
  /** More users matched than were asked for: the admin types more of the name. */
  more: boolean;
}

/** How many accounts there are, and who cannot recover by e-mail, for the admin console. */
export interface UserCensus {
  /** User accounts under the configured base and filter, disabled ones included. */
  users: number;
  disabled: number;
  /** Enabled accounts without mail: they cannot recover by e-mail. */
  withoutMail: number;
  /** The first of those usernames in alphabetical order, at most the sample size asked for. */
  withoutMailSample: string[];
  /** False when the directory's size limit stopped the count: the numbers are then lower bounds. */
  complete: boolean;
}

/** The directory's password policy refused a password: the user may try another one. */
export class PasswordRejectedError extends Error {
  constructor(readonly reason: PasswordRejection) {
    super(`The directory refused the password (${reason})`);
    this.name = 'PasswordRejectedError';
  }
}

/** What a bind with a user's own password says about the account. */
export type SignInCheck = 'ok' | 'must-change' | 'invalid' | 'locked' | 'disabled';

export interface Directory {
  findUser(username: string): Promise<DirectoryUser | undefined>;
  /**
   * The admin's user catalog: users whose username attributes, cn, displayName, givenName,
   * sn or mail start with `text` (all users when it is empty), sorted by username, at most
   * `limit` of them.
   */
  searchUsers(text: string, limit: number): Promise<UserSearchResult>;
  /** Counts the user accounts, page by page; names the first `sampleSize` without mail. */
  userCensus(sampleSize?: number): Promise<UserCensus>;
  /**
   * Sets the user's password as the service account. With `mustChange`, the user has to change
   * it at the next sign-in (OpenLDAP pwdReset, AD pwdLastSet=0). Throws PasswordRejectedError
   * when the directory's policy refuses it.
   */
  setPassword(dn: string, password: string, options: { mustChange: boolean }): Promise<void>;
  /** Lifts a directory lockout of the account (too many bad passwords). */
  unlock(dn: string): Promise<void>;
  /** True while a password set with `mustChange` has not been changed by the user yet. */
  mustChangePending(dn: string): Promise<boolean>;
  /** Binds as the user: tells whether a password is the current one, and the account's state. */
  checkSignIn(dn: string, password: string): Promise<SignInCheck>;
  /** The password policy that applies to the user. */
  passwordRules(dn: string): Promise<PasswordRules>;
  /** Whether the user is in the group (the admin console's check): AD counts nested groups. */
  isMemberOf(dn: string, groupDn: string): Promise<boolean>;
}
