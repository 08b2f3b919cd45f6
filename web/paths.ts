import { emailedLinkPaths } from '../common/domain/links';
import type { Notice } from '../i18n';

/** Where the user's pages are: app.tsx mounts each group of routes here, pages link here. */
export const paths = {
  start: '/',
  ...emailedLinkPaths,
  /** A recovery's steps, for the browser holding its session. */
  recovery: '/recovery',
} as const;

/** The recovery's forms, each posted to its own path under paths.recovery. */
export const recoveryForms = {
  enroll: `${paths.recovery}/enroll`,
  answers: `${paths.recovery}/answers`,
  addQuestions: `${paths.recovery}/add-questions`,
  password: `${paths.recovery}/password`,
} as const;

/** The start page saying why the user is back there (a link refused, a session ended). */
export function startWith(notice: Notice): string {
  return `${paths.start}?notice=${notice}`;
}
