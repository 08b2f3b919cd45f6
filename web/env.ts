import type { Locale } from '../common/domain/locale';
import type { Messages } from '../i18n';

/** What middleware puts on each request's context for the routes and views. */
export interface WebEnv {
  Variables: {
    locale: Locale;
    t: Messages;
    /** The CSRF token to embed in this response's forms. */
    csrfToken: string;
    /** The signed-in admin, under /admin (web/admin/auth.ts). */
    admin?: string;
    /** Where the request came from, for limits and the audit (web/client-address.ts). */
    clientAddress: string;
    /** The start form's username is over its limit (web/rate-limit.ts): asked again quietly. */
    usernameOverLimit?: boolean;
  };
}
