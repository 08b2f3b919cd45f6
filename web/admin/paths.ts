/** The console's root: its pages and its session cookie are under it. */
export const consolePath = '/admin';

/**
 * Where the console's pages are: console.tsx mounts each group of routes at its path, and the
 * pages link and redirect to them from here.
 */
export const adminPaths = {
  dashboard: consolePath,
  signIn: `${consolePath}/sign-in`,
  signOut: `${consolePath}/sign-out`,
  users: `${consolePath}/users`,
  policy: `${consolePath}/policy`,
  questions: `${consolePath}/questions`,
  smtp: `${consolePath}/smtp`,
  audit: `${consolePath}/audit`,
  auditCsv: `${consolePath}/audit.csv`,
} as const;

/** A question's page, or the form that disables (or enables) it, or deletes it. */
export function questionPath(id: number, part?: 'active' | 'delete'): string {
  return part ? `${adminPaths.questions}/${id}/${part}` : `${adminPaths.questions}/${id}`;
}

/** An SMTP configuration's page (or the new one's), its test message or its deletion. */
export function smtpPath(id: number | 'new', part?: 'test' | 'delete'): string {
  return part ? `${adminPaths.smtp}/${id}/${part}` : `${adminPaths.smtp}/${id}`;
}
