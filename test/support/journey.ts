import { recoveryWorkflowId } from '../../common/domain/workflow-ids';
import { tokenDigest } from '../../common/tokens';
import { type Browser, browser } from '../../dev/form-browser';
import type { WaitForMailOptions } from '../../dev/mail-client';
import { publicState, type RecoveryOutcome, type SessionProof } from '../../workflows/messages';
import { patienceMs, type Stack, uniqueUid } from './stack';
import { createTestUser, type TestDirectory } from './test-directory';

export const initialPassword = 'Initial-Secret-1';

/** What a test does as a user of the service, through the same web and client calls. */
export function journeys(stack: Stack<TestDirectory>) {
  const linkPattern = new RegExp(
    `${stack.publicUrl.replace(/\./g, '\\.')}/(link|verify)/([A-Za-z0-9_-]{43})`,
  );

  async function newUser(options: { mail?: boolean; disabled?: boolean } = {}) {
    const uid = uniqueUid('user');
    const mail = `${uid}@example.org`;
    const dn = await createTestUser(stack.directory, {
      uid,
      givenName: 'Ana',
      sn: 'García',
      ...(options.mail === false ? {} : { mail }),
      ...(options.disabled ? { disabled: true } : {}),
      password: initialPassword,
    });
    return { uid, mail, dn, workflowId: recoveryWorkflowId(uid) };
  }

  /** The start page as a requester sees it, without what differs per browser (the CSRF token). */
  async function requestLink(uid: string, language = 'es') {
    const b = browser(stack.app, { language });
    await b.get('/');
    const response = await b.post('/', { username: uid });
    return { ...response, page: response.body.replace(/value="[^"]*"/g, 'value=""') };
  }

  /** The newest matching e-mail to `to`, waiting as long as a busy machine may need. */
  function waitForMail(to: string, options: WaitForMailOptions = {}) {
    return stack.mail.waitFor(to, { timeoutMs: patienceMs, ...options });
  }

  /** The newest e-mail to `to` (since `after`) and the one-time link in it. */
  async function linkFor(to: string, options: { after?: Date; subjectIncludes?: string } = {}) {
    const message = await waitForMail(to, options);
    const match = linkPattern.exec(message.text);
    if (!match) throw new Error(`no link in the e-mail to ${to}:\n${message.text}`);
    const token = match[2] as string;
    return { message, token, path: `/${match[1]}/${token}`, url: match[0] };
  }

  /** Opens a link in a fresh browser and presses its button; returns the session it gets. */
  async function openLink(path: string, language = 'es') {
    const b: Browser = browser(stack.app, { language });
    await b.get(path);
    const response = await b.post(path, {});
    const sessionSecret = b.cookies.get('sspr_session')?.split('.')[1];
    const proof: SessionProof | undefined = sessionSecret
      ? {
          sessionDigest: tokenDigest(stack.linkKey, 'session', sessionSecret),
          clientAddress: '192.0.2.7',
        }
      : undefined;
    return { browser: b, response, proof, sessionSecret };
  }

  async function outcomeOf(uid: string): Promise<RecoveryOutcome> {
    return (await stack.client.workflow.getHandle(recoveryWorkflowId(uid)).result()).outcome;
  }

  function stateOf(uid: string) {
    return stack.client.workflow.getHandle(recoveryWorkflowId(uid)).query(publicState);
  }

  return { newUser, requestLink, waitForMail, linkFor, openLink, outcomeOf, stateOf };
}
