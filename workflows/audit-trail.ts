import { workflowInfo } from '@temporalio/workflow';
import { activities } from './activities';

/** The facts an audit event may carry beside its outcome; never a secret. */
export type AuditDetails = Record<string, number | string>;

/**
 * The audit events of one run: whose account, who acts (unless an event says otherwise), from
 * which address the newest request or form came, and this workflow's id.
 */
export class AuditTrail {
  private readonly workflowId = workflowInfo().workflowId;

  constructor(
    /** The typed name until the directory answers, then the directory's own name for it. */
    public username: string,
    private clientAddress: string | undefined,
    private readonly actor = 'user',
  ) {}

  /** A request or a form came in, from where the web saw it (when it knew). */
  heardFrom(clientAddress: string | undefined): void {
    this.clientAddress = clientAddress ?? this.clientAddress;
  }

  record(
    event: string,
    outcome: string,
    details?: AuditDetails,
    actor = this.actor,
  ): Promise<void> {
    return activities.audit({
      username: this.username,
      actor,
      event,
      outcome,
      workflowId: this.workflowId,
      clientAddress: this.clientAddress,
      details,
    });
  }
}
