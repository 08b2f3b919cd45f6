import type { UpdateDefinition } from '@temporalio/common';
import type { Context } from 'hono';
import { Hono } from 'hono';
import type { EnrollmentErrors } from '../../common/domain/enrollment';
import type { Db } from '../../db/database';
import { activeQuestions, questionTexts } from '../../db/questions';
import { duration } from '../../i18n';
import {
  type PublicState,
  type SessionProof,
  submitAddedQuestions,
  submitAnswers,
  submitEnrollment,
  submitNewPassword,
} from '../../workflows/messages';
import type { WebEnv } from '../env';
import type { PageContextOf } from '../page-context';
import { noStore } from '../page-headers';
import { paths, startWith } from '../paths';
import type { RecoveryClient } from '../recoveries';
import { messageResponse, unavailableResponse } from '../responses';
import { endSession, type RecoverySession, readSession, refreshSession } from '../session';
import { AddQuestionsPage } from '../views/add-questions-page';
import { AnswerPage } from '../views/answer-page';
import { EnrollPage, type EnrollValues } from '../views/enroll-page';
import { PasswordPage } from '../views/password-page';
import type { QuestionValues } from '../views/question-picks';

export interface RecoveryRouteDeps {
  recoveries: RecoveryClient;
  db: Db;
  linkKey: Buffer;
  secureCookies: boolean;
  pageContext: PageContextOf;
}

type C = Context<WebEnv>;

/**
 * The steps after the link, under paths.recovery, for the browser holding the recovery's
 * session. GET shows whatever step the recovery is at; each form posts to its own path
 * (recoveryForms) and, once accepted, redirects back to that GET (post/redirect/get).
 */
export function recoveryRoutes(deps: RecoveryRouteDeps) {
  const app = new Hono<WebEnv>();
  app.use(noStore);

  // A step's form path, reloaded (say, by the language switch), shows the step again.
  app.get('/:step', (c) => c.redirect(paths.recovery, 303));

  app.get('/', async (c) => {
    const session = readSession(c, deps.linkKey);
    if (!session) return sessionEnded(c);
    const found = await deps.recoveries.state(session.workflowId, session.sessionDigest);
    if (!found.ok) return found.reason === 'gone' ? sessionEnded(c) : unavailable(c);
    return showStep(c, found.state);
  });

  app.post('/enroll', async (c) => {
    const body = await c.req.parseBody({ all: true });
    const values: EnrollValues = {
      alternateMail: text(body.alternateMail),
      alternateMailConfirm: text(body.alternateMailConfirm),
      questionIds: list(body.questionId),
      answers: list(body.answer),
    };
    return submit(c, async (session) => {
      const sent = await send(c, session, submitEnrollment, {
        alternateMail: values.alternateMail,
        alternateMailConfirm: values.alternateMailConfirm,
        answers: picked(values),
      });
      if (!sent.ok || sent.result.ok) return sent;
      return enrollPage(c, session, values, sent.result.errors);
    });
  });

  app.post('/add-questions', async (c) => {
    const body = await c.req.parseBody({ all: true });
    const values: QuestionValues = {
      questionIds: list(body.questionId),
      answers: list(body.answer),
    };
    return submit(c, async (session) => {
      const sent = await send(c, session, submitAddedQuestions, { answers: picked(values) });
      if (!sent.ok || sent.result.ok) return sent;
      return addQuestionsPage(c, session, values, sent.result.errors);
    });
  });

  app.post('/answers', async (c) => {
    const body = await c.req.parseBody();
    const answers = Object.entries(body).flatMap(([name, value]) => {
      const id = /^answer-(\d+)$/.exec(name)?.[1];
      return id ? [{ questionId: Number(id), answer: text(value) }] : [];
    });
    return submit(c, async (session) => {
      const sent = await send(c, session, submitAnswers, {
        answers,
      });
      if (!sent.ok || sent.result.ok) return sent;
      if (sent.result.attemptsLeft === 0) {
        // The last try: the recovery is ending locked. Said now: until the workflow closes,
        // its state still says "answering", and the form would show again with no tries.
        endSession(c);
        return closingPage(c, { status: 'ended', outcome: 'answers-locked' });
      }
      const state = await deps.recoveries.state(session.workflowId, session.sessionDigest);
      if (!state.ok) return state;
      return answerPage(c, state.state, { wrong: true });
    });
  });

  app.post('/password', async (c) => {
    const body = await c.req.parseBody();
    const password = text(body.password);
    const confirm = text(body.passwordConfirm);
    return submit(c, async (session) => {
      // Checked here first: the workflow never gets a password the user did not mean.
      if (password === '' || password !== confirm) {
        return passwordPage(c, session, password === '' ? 'empty' : 'mismatch');
      }
      const sent = await send(c, session, submitNewPassword, {
        password,
      });
      if (!sent.ok || sent.result.ok) return sent;
      return passwordPage(c, session, sent.result.reason);
    });
  });

  /** Sends a form to the recovery; one it took restarted the session, and so does the cookie. */
  async function send<Result, Input extends SessionProof>(
    c: C,
    session: RecoverySession,
    definition: UpdateDefinition<Result, [Input]>,
    input: Omit<Input, keyof SessionProof>,
  ) {
    const sent = await deps.recoveries.submit(session.workflowId, definition, {
      ...proof(c, session),
      ...input,
    } as Input);
    if (sent.ok) refreshSession(c, deps.secureCookies);
    return sent;
  }

  /**
   * Runs a form's submission for the session; an accepted form (or one refused for being
   * out of step, e.g. sent twice) goes back to the steps' page, which shows where things stand.
   */
  async function submit(
    c: C,
    work: (session: RecoverySession) => Promise<Response | { ok: boolean; reason?: string }>,
  ): Promise<Response> {
    const session = readSession(c, deps.linkKey);
    if (!session) return sessionEnded(c);
    const outcome = await work(session);
    if (outcome instanceof Response) return outcome;
    if (outcome.ok || outcome.reason === 'step') return c.redirect(paths.recovery, 303);
    if (outcome.reason === 'unavailable') return unavailable(c);
    return sessionEnded(c);
  }

  async function showStep(c: C, state: PublicState): Promise<Response> {
    const s = c.var.t.steps;
    const page = deps.pageContext(c);
    switch (state.status) {
      case 'enrolling':
        return state.step === 'add-questions'
          ? addQuestionsPage(c, undefined, undefined, undefined, state)
          : enrollPage(c, undefined, undefined, undefined, state);
      case 'answering':
        return answerPage(c, state, {});
      case 'choosing-password':
        return passwordPageFor(c, state);
      case 'waiting-for-click':
        return messageResponse(c, page, 200, {
          title: s.savedTitle,
          message: s.saved,
          kind: 'success',
        });
      case 'ended':
        endSession(c);
        return closingPage(c, state);
      default:
        return messageResponse(c, page, 200, {
          title: s.workingTitle,
          message: s.working,
          kind: 'info',
          refreshSeconds: 2,
        });
    }
  }

  function closingPage(c: C, state: PublicState): Response | Promise<Response> {
    const s = c.var.t.steps;
    const page = deps.pageContext(c);
    switch (state.outcome) {
      case 'password-reset':
        return messageResponse(c, page, 200, {
          title: s.doneTitle,
          message:
            state.resetMode === 'user-chooses'
              ? s.doneChosen
              : s.doneKey(duration(c.var.locale, state.temporaryKeyMinutes ?? 0)),
          more: [s.doneNotice],
          kind: 'success',
        });
      case 'answers-locked':
        return messageResponse(c, page, 200, {
          title: s.lockedTitle,
          message: s.locked,
          kind: 'error',
        });
      case 'reset-failed':
        return messageResponse(c, page, 200, {
          title: s.failedTitle,
          message: s.failed,
          kind: 'error',
        });
      default:
        return messageResponse(c, page, 200, {
          title: s.endedTitle,
          message: s.ended,
          kind: 'info',
          backToStart: true,
        });
    }
  }

  /** A form of questions to pick: the recovery's state is read when not known already. */
  async function questionsForm(
    c: C,
    session: RecoverySession | undefined,
    known: PublicState | undefined,
    errors: EnrollmentErrors | undefined,
    render: (state: PublicState | undefined) => Promise<Response>,
  ): Promise<Response> {
    let state = known;
    if (!state && session) {
      const found = await deps.recoveries.state(session.workflowId, session.sessionDigest);
      if (!found.ok) return found.reason === 'gone' ? sessionEnded(c) : unavailable(c);
      state = found.state;
    }
    if (errors) c.status(422);
    return render(state);
  }

  function enrollPage(
    c: C,
    session: RecoverySession | undefined,
    values?: EnrollValues,
    errors?: EnrollmentErrors,
    known?: PublicState,
  ): Promise<Response> {
    return questionsForm(c, session, known, errors, async (state) =>
      c.html(
        <EnrollPage
          page={deps.pageContext(c)}
          csrfToken={c.var.csrfToken}
          catalog={await activeQuestions(deps.db, c.var.locale)}
          count={state?.minQuestions ?? 1}
          minAnswerLength={state?.minAnswerLength ?? 1}
          values={values}
          errors={errors}
        />,
      ),
    );
  }

  /** Only the missing questions, from those the user does not have yet. */
  function addQuestionsPage(
    c: C,
    session: RecoverySession | undefined,
    values?: QuestionValues,
    errors?: EnrollmentErrors,
    known?: PublicState,
  ): Promise<Response> {
    return questionsForm(c, session, known, errors, async (state) => {
      const own = new Set(state?.questionIds ?? []);
      const catalog = await activeQuestions(deps.db, c.var.locale);
      return c.html(
        <AddQuestionsPage
          page={deps.pageContext(c)}
          csrfToken={c.var.csrfToken}
          catalog={catalog.filter((q) => !own.has(q.id))}
          count={state?.missingQuestions ?? 1}
          minAnswerLength={state?.minAnswerLength ?? 1}
          values={values}
          errors={errors}
        />,
      );
    });
  }

  async function answerPage(c: C, state: PublicState, options: { wrong?: boolean }) {
    if (options.wrong) c.status(422);
    return c.html(
      <AnswerPage
        page={deps.pageContext(c)}
        csrfToken={c.var.csrfToken}
        questions={await questionTexts(deps.db, state.questionIds ?? [], c.var.locale)}
        attemptsLeft={state.attemptsLeft ?? 0}
        step={1}
        steps={state.resetMode === 'user-chooses' ? 2 : 1}
        wrong={options.wrong}
      />,
    );
  }

  function passwordPageFor(c: C, state: PublicState, error?: string) {
    if (error) c.status(422);
    return c.html(
      <PasswordPage
        page={deps.pageContext(c)}
        csrfToken={c.var.csrfToken}
        rules={state.passwordRules ?? {}}
        error={error}
      />,
    );
  }

  async function passwordPage(
    c: C,
    session: RecoverySession,
    problem: keyof WebEnv['Variables']['t']['fields']['password'],
  ) {
    const found = await deps.recoveries.state(session.workflowId, session.sessionDigest);
    if (!found.ok) return found.reason === 'gone' ? sessionEnded(c) : unavailable(c);
    return passwordPageFor(c, found.state, c.var.t.fields.password[problem]);
  }

  function sessionEnded(c: C) {
    endSession(c);
    return c.redirect(startWith('session-ended'), 303);
  }

  function unavailable(c: C) {
    return unavailableResponse(c, deps.pageContext(c));
  }

  function proof(c: C, session: RecoverySession) {
    return { sessionDigest: session.sessionDigest, clientAddress: c.var.clientAddress };
  }

  return app;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The question lines as the workflow takes them; a line left at "choose…" as question 0. */
function picked(values: QuestionValues) {
  return values.questionIds.map((id, i) => ({
    questionId: Number.parseInt(id, 10) || 0,
    answer: values.answers[i] ?? '',
  }));
}

function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(text);
  return typeof value === 'string' ? [value] : [];
}
