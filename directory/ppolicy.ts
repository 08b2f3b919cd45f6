import { ConstraintViolationError, PasswordPolicyError, type PasswordPolicyValue } from 'ldapts';
import type { PasswordRejection } from '../common/domain/passwords';

/**
 * Why OpenLDAP's password policy refused a new password, from the constraint violation (code 19)
 * and the ppolicy response control. Undefined for any other error, which the caller rethrows.
 */
export function passwordRejection(
  error: unknown,
  policy: PasswordPolicyValue | undefined,
): PasswordRejection | undefined {
  if (!(error instanceof ConstraintViolationError)) return undefined;
  switch (policy?.error) {
    case PasswordPolicyError.PasswordTooShort:
      return 'too-short';
    // Also what slapd says when the new password is the current one.
    case PasswordPolicyError.PasswordInHistory:
      return 'in-history';
    case PasswordPolicyError.InsufficientPasswordQuality:
      return 'not-complex';
  }
  // Without the control (a proxy in between may drop it) only the text is left to go by.
  if (/history/i.test(error.message)) return 'in-history';
  if (/too short|length/i.test(error.message)) return 'too-short';
  return 'refused';
}
