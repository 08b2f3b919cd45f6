/** How the policy resets a password: a temporary key the user must change, or one they choose. */
export type ResetMode = 'temporary-key' | 'user-chooses';
