import { ApplicationFailure } from '@temporalio/workflow';

/** Refuses an update; the web reads the reason from the failure's message (web/recoveries.ts). */
export function refuse(reason: string): never {
  throw ApplicationFailure.create({ type: 'Refused', message: reason });
}
