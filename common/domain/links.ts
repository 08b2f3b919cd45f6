/** What a one-time link leads to: setting up the questions, or answering them. */
export type LinkPurpose = 'enroll' | 'answer';

/** Where e-mailed links land: the activities write these paths, the web serves them. */
export const emailedLinkPaths = {
  /** The one-time link to a recovery's step, /link/<token>. */
  link: '/link',
  /** The proof that the user reads their alternate address, /verify/<token>. */
  verify: '/verify',
} as const;

/** The address an e-mailed link carries, under the service's public URL. */
export function emailedLinkUrl(
  publicUrl: string,
  kind: keyof typeof emailedLinkPaths,
  token: string,
): string {
  return `${publicUrl}${emailedLinkPaths[kind]}/${token}`;
}
