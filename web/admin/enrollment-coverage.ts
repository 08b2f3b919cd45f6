import type { UserCensus } from '../../directory/directory';

/**
 * Of the users who can recover (enabled, with mail), how many have set up their questions.
 * Enrollments of accounts gone from the directory may make the count exceed them: it is capped.
 */
export function enrollmentCoverage(census: UserCensus, enrolled: number) {
  const eligible = Math.max(census.users - census.disabled - census.withoutMail, 0);
  const covered = Math.min(enrolled, eligible);
  return { eligible, enrolled: covered, ratio: eligible === 0 ? 0 : covered / eligible };
}
