import { ConstraintViolationError, InvalidCredentialsError, UnwillingToPerformError } from 'ldapts';
import type { PasswordRejection, PasswordRules } from '../common/domain/passwords';
import type { SignInCheck } from './directory';

/**
 * What AD's `data` code in a failed bind says about the account (the password was right for
 * all but 52e): 773 must change, 532 expired, 775 locked, 533 disabled, 701 account expired.
 * Undefined for any error that is not a failed bind, which the caller rethrows.
 */
export function signInFailure(error: unknown): SignInCheck | undefined {
  if (!(error instanceof InvalidCredentialsError)) return undefined;
  const code = /\bdata ([0-9a-f]+)/i.exec(error.message)?.[1]?.toLowerCase();
  switch (code) {
    case '773':
    case '532':
      return 'must-change';
    case '775':
      return 'locked';
    case '533':
    case '701':
      return 'disabled';
    default:
      return 'invalid';
  }
}

/**
 * Why AD refused a new password (0000052D): Samba names the reason in its message; Windows
 * does not (and answers 53, not 19), so then the domain's rules are checked against the
 * password to pick the reason, and 'refused' when none of them explains it. Undefined for
 * any other error, which the caller rethrows.
 */
export function passwordRefusal(
  error: unknown,
  password: string,
  rules: () => Promise<PasswordRules & { accountName?: string }>,
): Promise<PasswordRejection | undefined> {
  const refused =
    (error instanceof ConstraintViolationError || error instanceof UnwillingToPerformError) &&
    /\b0000052D\b/i.test(error.message);
  if (!refused) return Promise.resolve(undefined);
  const message = (error as Error).message;
  if (/too short/i.test(message)) return Promise.resolve('too-short');
  if (/complexity/i.test(message)) return Promise.resolve('not-complex');
  if (/history|already used/i.test(message)) return Promise.resolve('in-history');
  return rules().then((r) => {
    if (r.minLength && [...password].length < r.minLength) return 'too-short';
    if (r.complexity && !meetsComplexity(password, r.accountName)) return 'not-complex';
    return 'refused';
  });
}

/**
 * AD's complexity rule: three of upper case, lower case, digits, other characters, and no
 * account name inside (case-insensitive, when it is longer than two characters).
 */
export function meetsComplexity(password: string, accountName?: string): boolean {
  const classes = [/\p{Lu}/u, /\p{Ll}/u, /\p{Nd}/u, /[^\p{L}\p{Nd}]/u];
  const kinds = classes.filter((c) => c.test(password)).length;
  const hasName =
    accountName !== undefined &&
    accountName.length > 2 &&
    password.toLowerCase().includes(accountName.toLowerCase());
  return kinds >= 3 && !hasName;
}
