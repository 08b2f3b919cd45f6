import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { EnrollmentSummary } from '../activities';
import type { LinkPurpose } from '../common/domain/links';
import { canonicalUsername } from '../common/domain/username';
import { activities } from './activities';
import { constantTimeEqual } from './constant-time';
import {
  type AnswersInput,
  type EnrollmentInput,
  type NewPasswordInput,
  openLink,
  type PublicState,
  publicState,
  questionsDeleted,
  type RecoveryOutcome,
  type RecoveryRequest,
  type RecoveryResult,
  type RecoveryStatus,
  requestAgain,
  type SessionProof,
  type Step,
  sessionState,
  sessionTtlSeconds,
  submitAnswers,
  submitEnrollment,
  submitNewPassword,
} from './messages';
import { OneTimeLinks } from './one-time-links';
import { recoveryStatus, recoveryUser } from './search-attributes';
import { announceReset, type KeyResetJob, resetWithTemporaryKey } from './temporary-key-reset';

/**
 * One password recovery for one user (R19), as DESIGN.md tells it: look the user up, e-mail a
 * one-time link and wait for the click; enrol, or answer the security questions; reset the
 * password; tell the user. The workflow id comes from the username, so a user has at most
 * one recovery running, and a repeated request re-sends a fresh link.
 */
export async function recovery(request: RecoveryRequest): Promise<RecoveryResult> {
  const typed = request.username;
  /**
   * Whose account: the typed name until the directory answers, then the directory's own name
   * for it. One account reachable by two names (AD's sAMAccountName and UPN) keeps one
   * enrollment, one lockout and one temporary key.
   */
  let username = typed;
  const { workflowId } = workflowInfo();
  let clientAddress = request.clientAddress;
  /** To whom e-mails speak, in the language of the newest request's page. */
  const who = { displayName: username, locale: request.locale };
  let status: RecoveryStatus = 'looking-up';
  let step: Step | undefined;
  let state: Omit<PublicState, 'status' | 'step'> = {};
  let askedAgain = false;

  const setStatus = (next: RecoveryStatus, nextStep?: Step) => {
    status = next;
    step = nextStep;
    upsertSearchAttributes([{ key: recoveryStatus, value: next }]);
  };
  const audit = (
    event: string,
    outcome: string,
    details?: Record<string, number | string>,
    actor = 'user',
  ) =>
    activities.audit({
      username,
      actor,
      event,
      outcome,
      workflowId,
      ...(clientAddress ? { clientAddress } : {}),
      ...(details ? { details } : {}),
    });
  const end = async (outcome: RecoveryOutcome, keyCheckWorkflowId?: string) => {
    state = { ...state, outcome };
    setStatus('ended');
    await audit('recovery', outcome);
    await condition(allHandlersFinished);
    return { outcome, ...(keyCheckWorkflowId ? { keyCheckWorkflowId } : {}) };
  };

  const view = (): PublicState => ({ status, ...(step ? { step } : {}), ...state });
  setHandler(publicState, view);
  /** R15: an admin asked for links (and the key) to go to the verified alternate address. */
  let toAlternate = request.sendTo === 'alternate';
  /** An admin's request is not held back by the resend limit, which is there for strangers. */
  let askedByAdmin = false;
  setHandler(requestAgain, (again) => {
    askedAgain = true;
    who.locale = again.locale;
    clientAddress = again.clientAddress ?? clientAddress;
    if (again.sendTo === 'alternate') toAlternate = true;
    if (again.requestedBy) askedByAdmin = true;
  });
  /** R7: the questions the user enrolled with were deleted by an admin. */
  let questionsGone = false;
  setHandler(questionsDeleted, () => {
    questionsGone = true;
  });
  upsertSearchAttributes([
    { key: recoveryUser, value: username },
    { key: recoveryStatus, value: status },
  ]);
  await audit('recovery-requested', 'started', undefined, request.requestedBy);

  // Step 2: who is it, and may they recover? Nothing of this shows to the requester (S4).
  const policy = await activities.snapshotPolicy();
  const user = await activities.findUser(typed);
  if (!user) return end('no-account');
  username = canonicalUsername(user.username);
  if (username !== typed) upsertSearchAttributes([{ key: recoveryUser, value: username }]);
  if (await activities.lockedUntil(username)) return end('locked-out');
  if (user.disabled) return end('disabled');
  const mail = user.mail ?? '';
  if (!mail) return end('no-mail'); // R1, R11
  const dn = user.dn;
  /** Where links and the temporary key go: the main address, or the alternate one (R15). */
  let inbox = mail;
  who.displayName = user.displayName;
  state = {
    resetMode: policy.resetMode,
    minQuestions: policy.minQuestions,
    minAnswerLength: policy.minAnswerLength,
    temporaryKeyMinutes: Math.round(policy.temporaryKeyTtlSeconds / 60),
    lockoutMinutes: Math.ceil(policy.lockoutSeconds / 60),
    ...(policy.resetMode === 'user-chooses'
      ? { passwordRules: await activities.passwordRules(dn) }
      : {}),
  };

  // The browser that opened the link holds the session; every later step must come from it.
  const links = new OneTimeLinks();
  /** A link is being made and e-mailed: the user may open it before the activity returns. */
  let issuing = false;
  let session: string | undefined;
  let busy = false;
  let touched = false;
  setHandler(sessionState, (digest) =>
    session && constantTimeEqual(session, digest) ? view() : undefined,
  );
  const refuse = (reason: string) => {
    throw ApplicationFailure.create({ type: 'Refused', message: reason });
  };
  const fromSession =
    (expected: RecoveryStatus, open: () => boolean = () => true) =>
    (input: SessionProof) => {
      if (status !== expected || busy || !open()) refuse('step');
      if (!session || !constantTimeEqual(session, input.sessionDigest)) refuse('session');
    };
  const submission =
    <I extends SessionProof, R>(work: (input: I) => Promise<R>) =>
    async (input: I): Promise<R> => {
      busy = true;
      touched = true;
      clientAddress = input.clientAddress ?? clientAddress;
      try {
        return await work(input);
      } finally {
        busy = false;
      }
    };

  setHandler(
    openLink,
    async (input) => {
      // Its e-mail can arrive before this workflow has heard that the activity sending it is
      // done: a link not known yet waits for that, then counts as any other.
      if (links.refusal(input.linkDigest) === 'unknown') await condition(() => !issuing);
      const refusal = links.refusal(input.linkDigest);
      if (refusal) refuse(refusal);
      links.use();
      session = input.sessionDigest;
      clientAddress = input.clientAddress ?? clientAddress;
      // The next page asks for the state at once: it must already be the next step's.
      const next = links.current?.purpose === 'answer' ? 'answer' : 'enroll';
      setStatus(next === 'answer' ? 'answering' : 'enrolling', next);
      return { next };
    },
    {
      validator: ({ linkDigest }) => {
        const refusal = links.refusal(linkDigest);
        if (refusal && !(refusal === 'unknown' && issuing)) refuse(refusal);
      },
    },
  );

  // Every form has its handler from the moment the user is known, each open only at its step:
  // a form sent the instant a link is opened must never find its handler missing.
  let enrollmentSaved = false;
  let asked: number[] = [];
  let wrongAnswers = 0;
  let answersRight = false;
  let passwordSet = false;
  const attemptsLeft = () => Math.max(policy.maxWrongAnswers - wrongAnswers, 0);

  setHandler(
    submitEnrollment,
    submission(async (input: EnrollmentInput) => {
      const result = await activities.submitEnrollment({
        username,
        ...who,
        mail,
        alternateMail: input.alternateMail,
        alternateMailConfirm: input.alternateMailConfirm,
        answers: input.answers,
        minQuestions: policy.minQuestions,
        minAnswerLength: policy.minAnswerLength,
      });
      enrollmentSaved = result.ok;
      // Questions deleted before these were saved are not these.
      if (result.ok) questionsGone = false;
      // The page shows "saved, a new e-mail is on its way" as soon as this answer arrives.
      if (result.ok) setStatus('waiting-for-click');
      await audit('enrollment', result.ok ? 'saved' : 'refused');
      return result;
    }),
    { validator: fromSession('enrolling') },
  );
  setHandler(
    submitAnswers,
    submission(async ({ answers }: AnswersInput) => {
      answersRight = await activities.verifyAnswers({
        username,
        questionIds: asked,
        answers,
        failureWindowSeconds: policy.lockoutSeconds,
      });
      if (!answersRight) wrongAnswers++;
      // The page asks for the next step as soon as this answer arrives: name it now.
      else if (policy.resetMode === 'user-chooses')
        setStatus('choosing-password', 'choose-password');
      else setStatus('resetting');
      state = { ...state, attemptsLeft: attemptsLeft() };
      await audit('answers', answersRight ? 'right' : 'wrong', { attemptsLeft: attemptsLeft() });
      return answersRight ? { ok: true } : { ok: false, attemptsLeft: attemptsLeft() };
    }),
    // Once right, or out of tries, no answer is checked again: not even while the lock is written.
    {
      validator: fromSession(
        'answering',
        () => !answersRight && attemptsLeft() > 0 && !questionsGone,
      ),
    },
  );
  setHandler(
    submitNewPassword,
    submission(async ({ password }: NewPasswordInput) => {
      const result = await activities.setChosenPassword({ username, dn, password });
      passwordSet = result.ok;
      // The page asks for the state as soon as this answer arrives: the form must not show
      // again while the notices go out; it is 'ended' once they are out.
      if (result.ok) setStatus('resetting');
      await audit('password-reset', result.ok ? 'user-chose' : result.reason);
      return result;
    }),
    { validator: fromSession('choosing-password') },
  );

  /** The enrollment, and the wrong answers the account gave lately (review M1). */
  const loadEnrollment = () =>
    activities.loadEnrollment({
      username,
      minQuestions: policy.minQuestions,
      failureWindowSeconds: policy.lockoutSeconds,
    });
  let enrollment = await loadEnrollment();

  // Steps 3-6, until the user has answered their questions right.
  for (;;) {
    const purpose: LinkPurpose = enrollment.enrolled ? 'answer' : 'enroll';
    const asksQuestionsGone = () => purpose === 'answer' && questionsGone;
    if (asksQuestionsGone()) return end('questions-deleted');
    if (purpose === 'answer') chooseQuestions(enrollment);
    if (!(await sendLinkAndWaitForClick(purpose, asksQuestionsGone))) {
      return end(asksQuestionsGone() ? 'questions-deleted' : 'link-expired');
    }
    if (purpose === 'enroll') {
      if (!(await enroll())) return end('session-expired');
      enrollment = await loadEnrollment();
      continue; // R17: a new link, to the answering step.
    }
    const answered = await answerQuestions();
    if (answered === 'timed-out') return end('session-expired');
    if (answered === 'questions-deleted') return end('questions-deleted');
    if (answered === 'locked') {
      await lockRecoveries();
      return end('answers-locked');
    }
    break;
  }

  // Steps 7-8.
  if (policy.resetMode === 'user-chooses') {
    if (!(await letUserChoosePassword())) return end('session-expired');
    await announceReset(resetJob(), 'user-chooses');
    return end('password-reset');
  }
  setStatus('resetting');
  const keyCheckWorkflowId = await resetWithTemporaryKey(resetJob());
  return keyCheckWorkflowId ? end('password-reset', keyCheckWorkflowId) : end('reset-failed');

  /** Steps 7-8: whose password, where the key goes (R15), who hears of it (S5). */
  function resetJob(): KeyResetJob {
    return { target: { username, dn, mail: inbox, ...who }, mainMail: mail, policy, audit };
  }

  /**
   * Step 3-4: e-mails a link and waits as long as it lives; a repeated request re-sends one.
   * False when the link expired unopened, or when `stale` says the step is moot.
   */
  async function sendLinkAndWaitForClick(
    purpose: LinkPurpose,
    stale: () => boolean,
  ): Promise<boolean> {
    const send = async () => {
      if (toAlternate) inbox = await verifiedAlternate();
      issuing = true;
      try {
        links.issued(
          await activities.issueLink({
            workflowId,
            purpose,
            to: inbox,
            ...who,
            ttlSeconds: policy.linkTtlSeconds,
          }),
        );
      } finally {
        issuing = false;
      }
      askedAgain = false;
      askedByAdmin = false;
      state = { ...state, linkExpiresAt: links.current?.expiresAt };
      if (!links.opened) setStatus('waiting-for-click');
      await audit(
        'link-sent',
        purpose,
        toAlternate ? { to: inbox === mail ? 'main' : 'alternate' } : undefined,
      );
    };
    await send();
    for (;;) {
      const left = Date.parse(links.current?.expiresAt ?? '') - Date.now();
      const woken = await condition(() => links.opened || askedAgain || stale(), Math.max(left, 1));
      if (links.opened) return true;
      if (!woken || stale()) return false;
      if (askedByAdmin || links.sentLastHour() <= policy.resendLimitPerHour) await send();
      else askedAgain = false;
    }
  }

  /** R15: the alternate address if the user confirmed it (read now), else the main one. */
  async function verifiedAlternate(): Promise<string> {
    const now = await activities.loadEnrollment({ username, minQuestions: policy.minQuestions });
    return now.alternateVerified && now.alternateMail ? now.alternateMail : mail;
  }

  /** Waits while the user works on a step; each submission restarts the session's clock. */
  async function sessionStep(next: RecoveryStatus, nextStep: Step, done: () => boolean) {
    // The form may have been sent while this code still awaited an activity: then it is done.
    if (done()) return true;
    setStatus(next, nextStep);
    await audit('step', nextStep);
    for (;;) {
      touched = false;
      const woken = await condition(() => done() || touched, sessionTtlSeconds * 1000);
      if (done()) return true;
      // A form being processed (the directory slow to answer) holds the step open.
      if (!woken && !busy) return false;
    }
  }

  /** Step 5 (R14, R16, R17): the alternate address and the answers, checked and stored. */
  function enroll(): Promise<boolean> {
    return sessionStep('enrolling', 'enroll', () => enrollmentSaved);
  }

  /**
   * Step 6 (R6, R18): the user's questions, the same set until answered right (the first N
   * by id, so a new recovery does not show others); wrong answers count toward a lockout,
   * those of earlier recoveries within the lockout's time too (review M1). The set is chosen
   * before the link goes out, so the page can show it the moment it opens.
   */
  function chooseQuestions(enrolled: EnrollmentSummary) {
    asked = enrolled.questionIds.slice(0, policy.minQuestions);
    wrongAnswers = enrolled.recentWrongAnswers ?? 0;
    state = { ...state, questionIds: asked, attemptsLeft: attemptsLeft() };
  }

  async function answerQuestions() {
    const finished = await sessionStep(
      'answering',
      'answer',
      () => answersRight || attemptsLeft() === 0 || questionsGone,
    );
    if (!finished) return 'timed-out';
    if (answersRight) return 'right';
    // Tries used up before the questions were deleted still lock.
    return attemptsLeft() > 0 ? 'questions-deleted' : 'locked';
  }

  /** Too many wrong answers: no recovery for a while, and the user is told why (R6). */
  async function lockRecoveries() {
    const until = new Date(Date.now() + policy.lockoutSeconds * 1000).toISOString();
    await activities.lockRecoveries({ username, until });
    await activities.sendNotice({
      to: [inbox],
      ...who,
      notice: { kind: 'recovery-locked', minutes: Math.ceil(policy.lockoutSeconds / 60) },
    });
  }

  /** Step 7, stricter mode (S2): the user types a new password; the directory may refuse it. */
  function letUserChoosePassword(): Promise<boolean> {
    return sessionStep('choosing-password', 'choose-password', () => passwordSet);
  }
}
