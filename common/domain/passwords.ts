/** Why the directory refused a new password; each has a message for the user. */
export type PasswordRejection = 'too-short' | 'in-history' | 'not-complex' | 'refused';

/** The directory's rules for a user's new password, to show before they type one. */
export interface PasswordRules {
  minLength?: number;
  /** How many earlier passwords may not be used again. */
  history?: number;
  /** Whether the directory checks quality beyond length (AD complexity, ppolicy checks). */
  complexity?: boolean;
}

/** The rules as a directory states them: a minimum length or history of zero is no rule. */
export function passwordRules(
  minLength: number | undefined,
  history: number | undefined,
  complexity: boolean,
): PasswordRules {
  return { ...(minLength ? { minLength } : {}), ...(history ? { history } : {}), complexity };
}
