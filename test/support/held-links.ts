import type { Activities } from '../../activities';

/**
 * Link activities that return only when the test lets them go, per recovery, their e-mail
 * already out: the workflow has not heard of the link yet when the user can open it.
 */
export function heldLinks() {
  const held = new Map<string, Promise<void>>();
  return {
    /** The real activities, with `issueLink` waiting for its recovery's hold. */
    activities: (real: Activities): Activities => ({
      ...real,
      issueLink: async (input) => {
        const issued = await real.issueLink(input);
        await held.get(input.workflowId);
        return issued;
      },
    }),
    /** Holds the recovery's links from now on; the function returned lets them go. */
    hold(workflowId: string): () => void {
      let release: () => void = () => {};
      held.set(
        workflowId,
        new Promise<void>((resolve) => {
          release = resolve;
        }),
      );
      return release;
    },
  };
}
