/**
 * The one spelling of a username that the service uses for workflow ids and lookups:
 * Unicode NFKC, trimmed, lower case. Directory lookups are case-insensitive for uid and
 * sAMAccountName, so two spellings of one account must meet in one recovery.
 */
export function canonicalUsername(input: string): string {
  return input.normalize('NFKC').trim().toLowerCase();
}

/** Letters, digits and the punctuation found in uid, sAMAccountName and UPN values. */
export const usernamePattern = /^[\p{L}\p{N}._@-]{1,64}$/u;

export function isWellFormedUsername(canonical: string): boolean {
  return usernamePattern.test(canonical);
}
