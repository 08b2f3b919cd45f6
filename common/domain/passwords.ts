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
