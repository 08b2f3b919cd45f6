import type { Db } from './database';

export interface AuditEvent {
  username?: string;
  /** 'user', 'system', or 'admin:<name>'. */
  actor: string;
  event: string;
  outcome: string;
  clientAddress?: string;
  workflowId?: string;
  /** Extra facts; callers never put a secret here. */
  details?: Record<string, string | number | boolean>;
  /** The same key twice records one event (a retried activity). */
  idempotencyKey?: string;
}

export async function recordAudit(db: Db, event: AuditEvent, at = new Date()): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      at: at.toISOString(),
      username: event.username ?? null,
      actor: event.actor,
      event: event.event,
      outcome: event.outcome,
      client_address: event.clientAddress ?? null,
      workflow_id: event.workflowId ?? null,
      details: event.details ? JSON.stringify(event.details) : null,
      idempotency_key: event.idempotencyKey ?? null,
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .execute();
}
