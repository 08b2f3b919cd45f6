import type { SambaAd } from '../../dev/samba-ad';
import type { Slapd } from '../../dev/slapd';

/** The real servers the global setup started, as tests see them. */
export interface Servers {
  temporalAddress: string;
  namespace: string;
  directory: Omit<Slapd, 'stop'>;
  /** Samba AD; absent when the tests do not run as root (Samba needs it). */
  activeDirectory?: Omit<SambaAd, 'stop'>;
  /**
   * PostgreSQL's superuser URL (tests make a database each with dev/postgres.ts createDatabase),
   * or why there is none: the PostgreSQL suites are then skipped.
   */
  postgres: { url: string } | { unavailable: string };
  smtpPort: number;
  inboxUrl: string;
  workflowBundlePath: string;
  root: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    servers: Servers;
  }
}
