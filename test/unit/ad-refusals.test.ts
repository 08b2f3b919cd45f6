import { ConstraintViolationError, InvalidCredentialsError, UnwillingToPerformError } from 'ldapts';
import { describe, expect, it } from 'vitest';
import { meetsComplexity, passwordRefusal, signInFailure } from '../../directory/ad-refusals';

const rules = async () => ({
  minLength: 8,
  history: 3,
  complexity: true,
  accountName: 'ana.garcia',
});

describe("AD's refusals", () => {
  it('reads a failed bind by its data code', () => {
    const bind = (code: string) =>
      new InvalidCredentialsError(
        `80090308: LdapErr: DSID-0C09044E, comment: AcceptSecurityContext error, data ${code}, v4563`,
      );
    expect(signInFailure(bind('52e'))).toBe('invalid');
    expect(signInFailure(bind('773'))).toBe('must-change');
    expect(signInFailure(bind('532'))).toBe('must-change');
    expect(signInFailure(bind('775'))).toBe('locked');
    expect(signInFailure(bind('533'))).toBe('disabled');
    expect(signInFailure(bind('701'))).toBe('disabled');
    expect(signInFailure(new Error('ECONNRESET'))).toBeUndefined();
  });

  it("takes Samba's reason from its message", async () => {
    const samba = (text: string) =>
      new ConstraintViolationError(
        `0000052D: Constraint violation - check_password_restrictions: ${text}`,
      );
    expect(await passwordRefusal(samba('the password is too short.'), 'x', rules)).toBe(
      'too-short',
    );
    expect(
      await passwordRefusal(
        samba('the password does not meet the complexity criteria!'),
        'x',
        rules,
      ),
    ).toBe('not-complex');
    expect(
      await passwordRefusal(samba('the password was already used (in history)!'), 'x', rules),
    ).toBe('in-history');
  });

  it("checks the domain's rules when the message names no reason, as Windows' does not", async () => {
    const windows = new UnwillingToPerformError(
      '0000052D: SvcErr: DSID-031A1248, problem 5003 (WILL_NOT_PERFORM), data 0',
    );
    expect(await passwordRefusal(windows, 'Sh0rt!', rules)).toBe('too-short');
    expect(await passwordRefusal(windows, 'alllowercase', rules)).toBe('not-complex');
    expect(await passwordRefusal(windows, 'Ana.Garcia-2026', rules)).toBe('not-complex');
    expect(await passwordRefusal(windows, 'Fine-Password-7', rules)).toBe('refused');
    expect(await passwordRefusal(new UnwillingToPerformError('00002035'), 'x', rules)).toBe(
      undefined,
    );
  });

  it('knows the complexity rule: three kinds of characters, no account name', () => {
    expect(meetsComplexity('Abcdefg1')).toBe(true);
    expect(meetsComplexity('abcdefg1!')).toBe(true);
    expect(meetsComplexity('ÁRBOL-verde')).toBe(true);
    expect(meetsComplexity('abcdefgh1')).toBe(false);
    expect(meetsComplexity('Xana.garcia1', 'ana.garcia')).toBe(false);
  });
});
