import { ConstraintViolationError, PasswordPolicyError, UnavailableError } from 'ldapts';
import { describe, expect, it } from 'vitest';
import { passwordRejection } from '../../../directory/ppolicy';

// slapd's own answers are covered in openldap.test.ts; these are the cases it never sends.
describe('passwordRejection', () => {
  const refusal = (text: string) => new ConstraintViolationError(text);

  it('goes by the ppolicy control first', () => {
    const generic = refusal('Password fails quality checking policy');
    const error = (code: number) => passwordRejection(generic, { error: code });
    expect(error(PasswordPolicyError.PasswordTooShort)).toBe('too-short');
    expect(error(PasswordPolicyError.PasswordInHistory)).toBe('in-history');
    expect(error(PasswordPolicyError.InsufficientPasswordQuality)).toBe('not-complex');
    expect(error(PasswordPolicyError.PasswordTooYoung)).toBe('refused');
  });

  it('falls back on the text when the control is missing', () => {
    const byText = (text: string) => passwordRejection(refusal(text), undefined);
    expect(byText('Password is in history of old passwords')).toBe('in-history');
    expect(byText('Password is too short')).toBe('too-short');
    expect(byText('Password does not meet the minimum length')).toBe('too-short');
    expect(byText('Password fails quality checking policy')).toBe('refused');
  });

  it('leaves anything but a constraint violation to the caller', () => {
    expect(passwordRejection(new UnavailableError(), undefined)).toBeUndefined();
    expect(passwordRejection(new Error('connect ECONNREFUSED'), undefined)).toBeUndefined();
  });
});
