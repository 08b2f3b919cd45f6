import {
  ApplicationFailure,
  condition,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities, IssuedLink } from '../activities';
import { constantTimeEqual } from './constant-time';
import {
  type LinkRefusal,
  openLink,
  publicState,
  type RecoveryOutcome,
  type RecoveryRequest,
  type RecoveryStatus,
  requestAgain,
} from './messages';
import { recoveryStatus, recoveryUser } from './search-attributes';

const { snapshotPolicy, findUser, issueLink } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

const hour = 60 * 60 * 1000;

/**
 * One password recovery for one user (R19): look the user up, e-mail a one-time link and wait
 * for it to be opened. The workflow id is derived from the username, so a user has at most one
 * recovery running; a repeated request re-sends a fresh link.
 */
export async function recovery(request: RecoveryRequest): Promise<RecoveryOutcome> {
  const { username, locale } = request;
  let status: RecoveryStatus = 'looking-up';
  let link: IssuedLink | undefined;
  const olderDigests: string[] = [];
  let opened = false;
  let askedAgain = false;
  const linksSentAt: number[] = [];

  const setStatus = (next: RecoveryStatus) => {
    status = next;
    upsertSearchAttributes([{ key: recoveryStatus, value: next }]);
  };

  setHandler(publicState, () => ({ status, linkExpiresAt: link?.expiresAt }));
  setHandler(requestAgain, () => {
    askedAgain = true;
  });
  setHandler(
    openLink,
    () => {
      opened = true;
      return { next: link?.purpose ?? 'enroll' };
    },
    {
      validator: ({ linkDigest }) => {
        const refusal = refuseLink(link, olderDigests, opened, linkDigest);
        if (refusal) throw ApplicationFailure.create({ type: 'LinkRefused', message: refusal });
      },
    },
  );

  upsertSearchAttributes([
    { key: recoveryUser, value: username },
    { key: recoveryStatus, value: status },
  ]);

  // Steps 2-3: who is it, and can they be reached? Nothing of this shows to the requester (S4).
  const policy = await snapshotPolicy();
  const user = await findUser(username);
  if (!user) return end('no-account');
  if (!user.mail) return end('no-mail'); // R1, R11

  const sendLink = async () => {
    linksSentAt.push(Date.now());
    if (link) olderDigests.push(link.digest);
    link = await issueLink({
      workflowId: workflowInfo().workflowId,
      purpose: 'enroll',
      to: user.mail as string,
      displayName: user.displayName,
      locale,
      ttlSeconds: policy.linkTtlSeconds,
    });
    askedAgain = false;
  };
  const mayResend = () =>
    linksSentAt.filter((sentAt) => sentAt > Date.now() - hour).length <= policy.resendLimitPerHour;

  // Step 4: wait for the click for as long as the newest link lives (R12, R19).
  await sendLink();
  while (!opened) {
    setStatus('waiting-for-click');
    const current = link as IssuedLink;
    const ttl = Date.parse(current.expiresAt) - Date.now();
    const woken = await condition(() => opened || askedAgain, Math.max(ttl, 1));
    if (!woken) return end('link-expired');
    if (askedAgain) {
      askedAgain = false;
      if (mayResend()) await sendLink();
    }
  }
  setStatus('link-opened');
  return 'link-opened';

  function end(outcome: RecoveryOutcome): RecoveryOutcome {
    setStatus('ended');
    return outcome;
  }
}

/** Why a link must be refused, or undefined when it is the newest, unused and alive (R12, R13). */
function refuseLink(
  link: IssuedLink | undefined,
  olderDigests: string[],
  opened: boolean,
  digest: string,
): LinkRefusal | undefined {
  if (!link || !constantTimeEqual(link.digest, digest)) {
    return olderDigests.some((older) => constantTimeEqual(older, digest))
      ? 'superseded'
      : 'unknown';
  }
  if (opened) return 'used';
  if (Date.now() >= Date.parse(link.expiresAt)) return 'expired';
  return undefined;
}
