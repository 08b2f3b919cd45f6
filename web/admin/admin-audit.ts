import type { Context } from 'hono';
import { type AuditEvent, recordAudit } from '../../db/audit';
import type { Db } from '../../db/database';
import type { WebEnv } from '../env';
import { adminOf } from './auth';

/** Records what the signed-in admin did: actor `admin:<name>`, from the request's address. */
export function auditAdmin(
  db: Db,
  c: Context<WebEnv>,
  event: Omit<AuditEvent, 'actor' | 'clientAddress'>,
): Promise<void> {
  return recordAudit(db, {
    ...event,
    actor: `admin:${adminOf(c)}`,
    clientAddress: c.var.clientAddress,
  });
}
