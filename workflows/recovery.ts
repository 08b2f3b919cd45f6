import {
  allHandlersFinished,
  condition,
  patched,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { EnrollmentSummary } from '../activities';
import type { LinkPurpose } from '../common/domain/links';
import { canonicalUsername } from '../common/domain/username';
import { activities } from './activities';
import { AuditTrail } from './audit-trail';
import { BrowserSession } from './browser-session';
import { LinkDelivery } from './link-delivery';
import {
  type AddedQuestionsInput,
  type AnswersInput,
  type EnrollmentInput,
  type NewPasswordInput,
  openLink,
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
  submitAddedQuestions,
  submitAnswers,
  submitEnrollment,
  submitNewPassword,
} from './messages';
import { OneTimeLinks } from './one-time-links';
import { RecoveryProgress } from './recovery-progress';
import { refuse } from './refuse';
import { recoveryStatus, recoveryUser } from './search-attributes';
import { SecurityAnswers } from './security-answers';
import { announceReset, type KeyResetJob, resetWithTemporaryKey } from './temporary-key-reset';

/**
 * One password recovery for one user: look the user up, e-mail a one-time link and wait for
 * the click; enrol, or answer the security questions; reset the password; tell the user. The
 * workflow id comes from the username, so a user has at most one recovery running, and a
 * repeated request re-sends a link.
 */
export async function recovery(request: RecoveryRequest): Promise<RecoveryResult> {
  const typed = request.username;
  const audit = new AuditTrail(typed, request.clientAddress);
  /** To whom e-mails speak, in the language of the newest request's page. */
  const who = { displayName: typed, locale: request.locale };
  const progress = new RecoveryProgress();
  const delivery = new LinkDelivery(request);
  const answers = new SecurityAnswers();
  const end = async (outcome: RecoveryOutcome, keyCheckWorkflowId?: string) => {
    progress.tell({ outcome });
    progress.moveTo('ended');
    await audit.record('recovery', outcome);
    await condition(allHandlersFinished);
    return { outcome, keyCheckWorkflowId };
  };

  setHandler(publicState, () => progress.view());
  setHandler(requestAgain, (again) => {
    delivery.askedAgain(again);
    who.locale = again.locale;
    audit.heardFrom(again.clientAddress);
  });
  setHandler(questionsDeleted, () => answers.questionsDeleted());
  upsertSearchAttributes([
    { key: recoveryUser, value: typed },
    { key: recoveryStatus, value: progress.status },
  ]);
  await audit.record('recovery-requested', 'started', undefined, request.requestedBy);

  // Who is it, and may they recover? Nothing of this shows to the requester.
  const policy = await activities.snapshotPolicy();
  const user = await activities.findUser(typed);
  if (!user) return end('no-account');
  // From here on the directory's own name for the account: one account reachable by two
  // names (AD's sAMAccountName and UPN) keeps one enrollment, one lockout, one temporary key.
  const username = canonicalUsername(user.username);
  audit.username = username;
  if (username !== typed) upsertSearchAttributes([{ key: recoveryUser, value: username }]);
  if (await activities.lockedUntil(username)) return end('locked-out');
  if (user.disabled) return end('disabled');
  const mail = user.mail ?? '';
  if (!mail) return end('no-mail'); // Without an address on the account no link reaches the user.
  const dn = user.dn;
  delivery.inbox = mail;
  who.displayName = user.displayName;
  progress.tell({
    resetMode: policy.resetMode,
    minQuestions: policy.minQuestions,
    minAnswerLength: policy.minAnswerLength,
    temporaryKeyMinutes: Math.round(policy.temporaryKeyTtlSeconds / 60),
    lockoutMinutes: Math.ceil(policy.lockoutSeconds / 60),
    passwordRules:
      policy.resetMode === 'user-chooses' ? await activities.passwordRules(dn) : undefined,
  });

  // The browser that opened the link holds the session; every later step must come from it.
  const links = new OneTimeLinks(patched('links-outlive-resends'));
  const session = new BrowserSession();
  /** The forms whose step is over once saved: enrollment, added questions, a chosen password. */
  const saved = { enrollment: false, questions: false, password: false };
  /**
   * Whether the user, who answered right, must add questions to reach a minimum the admin
   * raised since they enrolled. Recoveries recorded before this step never had it.
   */
  const addsQuestions = () => answers.missing > 0 && patched('add-missing-questions');
  // Every form has its handler from the moment the user is known, each open only at its step:
  // a form sent the instant a link is opened must never find its handler missing.
  handleLinkAndForms();

  /** The enrollment, and the wrong answers the account gave lately. */
  const loadEnrollment = () =>
    activities.loadEnrollment({
      username,
      minQuestions: policy.minQuestions,
      failureWindowSeconds: policy.lockoutSeconds,
    });
  let enrollment = await loadEnrollment();
  /** The answering link that follows an enrollment goes out whatever the inbox cap says. */
  let enrolledNow = false;

  // Link, then enrollment or answers, until the user has answered their questions right.
  for (;;) {
    const purpose: LinkPurpose = enrollment.enrolled ? 'answer' : 'enroll';
    const asksQuestionsGone = () => purpose === 'answer' && answers.questionsGone;
    if (asksQuestionsGone()) return end('questions-deleted');
    if (purpose === 'answer') chooseQuestions(enrollment);
    const clicked = await sendLinkAndWaitForClick(purpose, asksQuestionsGone);
    if (clicked !== 'opened') return end(asksQuestionsGone() ? 'questions-deleted' : clicked);
    if (purpose === 'enroll') {
      if (!(await enroll())) return end('session-expired');
      enrolledNow = true;
      enrollment = await loadEnrollment();
      continue; // Enrolled: a new link, to the answering step.
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
  if (addsQuestions()) {
    const added = await addMissingQuestions();
    if (added !== 'added') return end(added === 'timed-out' ? 'session-expired' : added);
  }

  // The reset, and every address on file told of it.
  if (policy.resetMode === 'user-chooses') {
    if (!(await letUserChoosePassword())) return end('session-expired');
    await announceReset(resetJob(), 'user-chooses');
    return end('password-reset');
  }
  progress.moveTo('resetting');
  const keyCheckWorkflowId = await resetWithTemporaryKey(resetJob());
  return keyCheckWorkflowId ? end('password-reset', keyCheckWorkflowId) : end('reset-failed');

  /** Whose password, where the key goes, who hears of it. */
  function resetJob(): KeyResetJob {
    return {
      target: { username, dn, mail: delivery.inbox, ...who },
      mainMail: mail,
      policy,
      audit,
    };
  }

  /**
   * E-mails a link and waits as long as it lives; a repeated request re-sends one, within
   * the resend limit, and the links already out stay good (workflows/one-time-links.ts). Not
   * 'opened' when the link expired unopened, or when `stale` says the step is moot, or when
   * the address got its inbox cap of links this hour: then no link goes out at all, and a
   * repeat is held in silence.
   */
  async function sendLinkAndWaitForClick(
    purpose: LinkPurpose,
    stale: () => boolean,
  ): Promise<'opened' | 'link-expired' | 'inbox-full'> {
    /** False when the inbox cap held the link back. */
    const send = async (again: boolean) => {
      if (delivery.toAlternate) delivery.inbox = await verifiedAlternate();
      const capped = again || !enrolledNow;
      const went = await links.issue(
        () =>
          activities.issueLink({
            workflowId: workflowInfo().workflowId,
            purpose,
            to: delivery.inbox,
            ...who,
            ttlSeconds: policy.linkTtlSeconds,
            capPerHour: capped ? policy.linkMailsPerAddressPerHour : undefined,
          }),
        again,
      );
      if (!went) {
        delivery.declined();
        await audit.record('link-held', purpose, { reason: 'inbox-cap' });
        return false;
      }
      delivery.sent();
      progress.tell({ linkExpiresAt: links.current?.expiresAt });
      if (!links.opened) progress.moveTo('waiting-for-click');
      await audit.record(
        'link-sent',
        purpose,
        delivery.toAlternate ? { to: delivery.inbox === mail ? 'main' : 'alternate' } : undefined,
      );
      return true;
    };
    if (!(await send(false))) return 'inbox-full';
    for (;;) {
      const left = Date.parse(links.current?.expiresAt ?? '') - Date.now();
      const woken = await condition(
        () => links.opened || delivery.requested || stale(),
        Math.max(left, 1),
      );
      if (links.opened) return 'opened';
      if (!woken || stale()) return 'link-expired';
      if (delivery.mayResend(links.sentLastHour(purpose), policy.resendLimitPerHour)) {
        await send(true);
      } else delivery.declined();
    }
  }

  /** The alternate address if the user confirmed it (read now), else the main one. */
  async function verifiedAlternate(): Promise<string> {
    const now = await activities.loadEnrollment({ username, minQuestions: policy.minQuestions });
    return now.alternateVerified && now.alternateMail ? now.alternateMail : mail;
  }

  /** Waits while the user works on a step, as long as the session lives. */
  async function sessionStep(status: RecoveryStatus, step: Step, done: () => boolean) {
    // The form may have been sent while this code still awaited an activity: then it is done.
    if (done()) return true;
    progress.moveTo(status, step);
    await audit.record('step', step);
    return session.lastsUntil(done);
  }

  /** The alternate address and the answers, checked and stored. */
  function enroll(): Promise<boolean> {
    return sessionStep('enrolling', 'enroll', () => saved.enrollment);
  }

  /** The set is chosen before the link goes out, so the page can show it the moment it opens. */
  function chooseQuestions(enrolled: EnrollmentSummary) {
    answers.ask(enrolled, policy);
    progress.tell({
      questionIds: answers.questionIds,
      attemptsLeft: answers.attemptsLeft,
      missingQuestions: answers.missing,
    });
  }

  async function answerQuestions() {
    const finished = await sessionStep('answering', 'answer', () => !answers.open);
    if (!finished) return 'timed-out';
    if (answers.answeredRight) return 'right';
    // Tries used up before the questions were deleted still lock.
    return answers.attemptsLeft > 0 ? 'questions-deleted' : 'locked';
  }

  /** Only the questions the raised minimum lacks; the alternate address and old answers stay. */
  async function addMissingQuestions() {
    const done = () => saved.questions || answers.questionsGone;
    if (!(await sessionStep('enrolling', 'add-questions', done))) return 'timed-out';
    return saved.questions ? 'added' : 'questions-deleted';
  }

  /** Too many wrong answers: no recovery for a while, and the user is told why. */
  async function lockRecoveries() {
    const until = new Date(Date.now() + policy.lockoutSeconds * 1000).toISOString();
    await activities.lockRecoveries({ username, until });
    await activities.sendNotice({
      to: [delivery.inbox],
      ...who,
      notice: { kind: 'recovery-locked', minutes: Math.ceil(policy.lockoutSeconds / 60) },
    });
  }

  /** Stricter mode: the user types a new password; the directory may refuse it. */
  function letUserChoosePassword(): Promise<boolean> {
    return sessionStep('choosing-password', 'choose-password', () => saved.password);
  }

  /** The link's opening, the session's state for its pages, and the session's forms. */
  function handleLinkAndForms() {
    setHandler(sessionState, (digest) => (session.holds(digest) ? progress.view() : undefined));
    setHandler(
      openLink,
      async (input) => {
        // Its e-mail can arrive before this workflow has heard that the activity sending it is
        // done: a link not known yet waits for that, then counts as any other.
        if (links.refusal(input.linkDigest) === 'unknown') await condition(() => !links.issuing);
        const refusal = links.refusal(input.linkDigest);
        if (refusal) refuse(refusal);
        links.use(input.linkDigest);
        session.begin(input.sessionDigest);
        audit.heardFrom(input.clientAddress);
        // The next page asks for the state at once: it must already be the next step's.
        const next = links.current?.purpose === 'answer' ? 'answer' : 'enroll';
        progress.moveTo(next === 'answer' ? 'answering' : 'enrolling', next);
        return { next };
      },
      {
        validator: ({ linkDigest }) => {
          const refusal = links.refusal(linkDigest);
          if (refusal && !(refusal === 'unknown' && links.issuing)) refuse(refusal);
        },
      },
    );
    /** A form from the session's browser, which holds the step open while it is processed. */
    const submission =
      <I extends SessionProof, R>(work: (input: I) => Promise<R>) =>
      (input: I): Promise<R> => {
        audit.heardFrom(input.clientAddress);
        return session.submit(() => work(input));
      };
    const atStatus = (status: RecoveryStatus) => (input: SessionProof) =>
      session.admit(input, progress.status === status);
    /** Whose questions a form saves, and to whom its e-mails speak. */
    const enrollee = () => ({ username, ...who, mail });
    /** The answers are done: the page asks for the next step at once, so it is named now. */
    const onToReset = () => {
      if (policy.resetMode === 'user-chooses')
        progress.moveTo('choosing-password', 'choose-password');
      else progress.moveTo('resetting');
    };

    setHandler(
      submitEnrollment,
      submission(async (input: EnrollmentInput) => {
        const result = await activities.submitEnrollment({
          ...enrollee(),
          alternateMail: input.alternateMail,
          alternateMailConfirm: input.alternateMailConfirm,
          answers: input.answers,
          minQuestions: policy.minQuestions,
          minAnswerLength: policy.minAnswerLength,
        });
        saved.enrollment = result.ok;
        if (result.ok) answers.enrolledAgain();
        // The page shows "saved, a new e-mail is on its way" as soon as this answer arrives.
        if (result.ok) progress.moveTo('waiting-for-click');
        await audit.record('enrollment', result.ok ? 'saved' : 'refused');
        return result;
      }),
      // Only a user without questions enrols: adding questions must not replace the others.
      {
        validator: (input) =>
          session.admit(
            input,
            progress.status === 'enrolling' && progress.view().step === 'enroll',
          ),
      },
    );
    /** Only the missing questions' answers: checked, stored, both addresses told. */
    async function saveAddedQuestions(input: AddedQuestionsInput) {
      // Fewer than the policy asks: every question the user has was asked, and answered right.
      const enrolledQuestionIds = answers.questionIds;
      const { missing } = answers;
      const { minAnswerLength } = policy;
      const added = { enrolledQuestionIds, missing, answers: input.answers, minAnswerLength };
      const result = await activities.addQuestions({ ...enrollee(), ...added });
      saved.questions = result.ok;
      if (result.ok) onToReset();
      await audit.record('enrollment', result.ok ? 'questions-added' : 'refused');
      return result;
    }
    setHandler(submitAddedQuestions, submission(saveAddedQuestions), {
      validator: (input) =>
        session.admit(
          input,
          progress.view().step === 'add-questions' && !saved.questions && !answers.questionsGone,
        ),
    });
    setHandler(
      submitAnswers,
      submission(async (input: AnswersInput) => {
        const right = await activities.verifyAnswers({
          username,
          questionIds: answers.questionIds,
          answers: input.answers,
          failureWindowSeconds: policy.lockoutSeconds,
        });
        answers.answered(right);
        // The page asks for the next step as soon as this answer arrives: name it now.
        if (right && addsQuestions()) progress.moveTo('enrolling', 'add-questions');
        else if (right) onToReset();
        const { attemptsLeft } = answers;
        progress.tell({ attemptsLeft });
        await audit.record('answers', right ? 'right' : 'wrong', { attemptsLeft });
        return right ? { ok: true } : { ok: false, attemptsLeft };
      }),
      // Once right, or out of tries, no answer is checked again: not even while the lock is written.
      {
        validator: (input) => session.admit(input, progress.status === 'answering' && answers.open),
      },
    );
    setHandler(
      submitNewPassword,
      submission(async ({ password }: NewPasswordInput) => {
        const result = await activities.setChosenPassword({ username, dn, password });
        saved.password = result.ok;
        // The page asks for the state as soon as this answer arrives: the form must not show
        // again while the notices go out; it is 'ended' once they are out.
        if (result.ok) progress.moveTo('resetting');
        await audit.record('password-reset', result.ok ? 'user-chose' : result.reason);
        return result;
      }),
      { validator: atStatus('choosing-password') },
    );
  }
}
