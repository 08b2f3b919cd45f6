import type { Client } from '@temporalio/client';
import type { Logger } from '../../common/logger';
import type { SecretBox } from '../../common/secret-box';
import type { Db } from '../../db/database';
import type { Directory } from '../../directory/directory';
import type { PageContextOf } from '../page-context';
import type { RecoveryClient } from '../recoveries';
import type { AdminAuthOptions } from './auth';

/** What the admin console's pages are made of (web/app.tsx builds it). */
export interface AdminDeps extends AdminAuthOptions {
  db: Db;
  pageContext: PageContextOf;
  client: Client;
  recoveries: RecoveryClient;
  taskQueue: string;
  /** Admin sign-in, the user catalog's search and its actions. */
  directory: Directory;
  /** Seals and opens the SMTP passwords kept in the database. */
  secretBox: SecretBox;
  /** SSPR_MAIL_FROM, the sender when the policy names none: it chooses an SMTP configuration. */
  mailFrom: string;
  /** The operators' Temporal Web UI, for links to recoveries; absent: no links. */
  temporalUiUrl?: string;
  /** How long a page waits for Temporal (the user catalog's calls); default 8 s. */
  temporalDeadlineMs?: number;
  log: Logger;
}
