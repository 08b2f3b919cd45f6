import { Notice, type PageContext } from '../../views/layout';
import { adminPaths } from '../paths';
import { refusalOf, type UserAccount, userActions, userPath } from '../user-account';
import type { RecentRun } from '../user-recoveries';
import { AdminPage } from './admin-page';

/** An ISO time as the console shows it: minutes, UTC. */
export function utc(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}

/**
 * One user: the directory's account, the security set-up (never an answer), the recovery
 * lockout, recent runs with links into Temporal, and the actions, each a link to its
 * confirmation page or the reason it cannot be done.
 */
export function UserPage(props: {
  page: PageContext;
  csrfToken: string;
  admin: string;
  account: UserAccount;
  /** The user's recent runs, or 'unavailable' when Temporal did not answer. */
  runs: RecentRun[] | 'unavailable';
  notice?: { kind: 'success' | 'error'; text: string };
}) {
  const t = props.page.t.admin.users;
  const { account } = props;
  const { user, enrollment } = account;
  return (
    <AdminPage
      page={props.page}
      title={t.userTitle(account.username)}
      admin={props.admin}
      csrfToken={props.csrfToken}
    >
      {props.notice ? <Notice kind={props.notice.kind}>{props.notice.text}</Notice> : null}
      <p>
        <a href={adminPaths.users}>{t.backToSearch}</a>
      </p>

      <h2>{t.accountTitle}</h2>
      {account.directoryDown ? <Notice kind="error">{t.refusals['directory-down']}</Notice> : null}
      {user ? (
        <dl class="facts">
          <dt>{t.displayName}</dt>
          <dd>{user.displayName}</dd>
          <dt>{t.mail}</dt>
          <dd>{user.mail ?? <span class="no-mail">{t.noMail}</span>}</dd>
          <dt>{t.state}</dt>
          <dd>{user.disabled ? t.disabled : t.active}</dd>
          <dt>{t.dn}</dt>
          <dd class="dn">{user.dn}</dd>
        </dl>
      ) : account.directoryDown ? null : (
        <p>{t.noAccount}</p>
      )}

      <h2>{t.questionsTitle}</h2>
      {enrollment ? (
        <>
          <p>{t.enrolled(utc(enrollment.enrolledAt), enrollment.questionCount)}</p>
          <dl class="facts">
            <dt>{t.alternateMail}</dt>
            <dd>
              {enrollment.alternateMail} (
              {enrollment.alternateVerifiedAt
                ? t.alternateVerified(utc(enrollment.alternateVerifiedAt))
                : t.alternateUnverified}
              )
            </dd>
          </dl>
        </>
      ) : (
        <p>{t.notEnrolled}</p>
      )}

      <h2>{t.lockoutTitle}</h2>
      <p>{account.lockedUntil ? t.lockedUntil(utc(account.lockedUntil)) : t.notLocked}</p>

      <h2>{t.actionsTitle}</h2>
      <p>{t.actionsIntro}</p>
      <ul class="user-actions">
        {userActions.map((action) => {
          const refusal = refusalOf(action, account);
          return (
            <li>
              {refusal ? (
                <>
                  <span class="unavailable-action">{t.actions[action].button}</span>:{' '}
                  {t.refusals[refusal]}
                </>
              ) : (
                <a class="button-link" href={userPath(account.username, action)}>
                  {t.actions[action].button}
                </a>
              )}
            </li>
          );
        })}
      </ul>

      <h2>{t.runsTitle}</h2>
      <Runs page={props.page} runs={props.runs} />
      <p>
        <a href={`${adminPaths.audit}?user=${encodeURIComponent(account.username)}`}>
          {t.auditLink}
        </a>
      </p>
    </AdminPage>
  );
}

function Runs(props: { page: PageContext; runs: RecentRun[] | 'unavailable' }) {
  const t = props.page.t.admin.users;
  if (props.runs === 'unavailable') return <Notice kind="error">{t.temporalDown}</Notice>;
  if (props.runs.length === 0) return <p>{t.noRuns}</p>;
  // A value Temporal reports that has no text yet shows as it is.
  const label = <K extends string>(texts: Record<K, string>, key: string | undefined) =>
    key === undefined ? '' : Object.hasOwn(texts, key) ? texts[key as K] : key;
  return (
    <>
      <p class="hint">{t.runsIntro}</p>
      <div class="user-scroll">
        <table class="history user-runs">
          <thead>
            <tr>
              <th scope="col">{t.runHeaders.kind}</th>
              <th scope="col">{t.runHeaders.started}</th>
              <th scope="col">{t.runHeaders.ended}</th>
              <th scope="col">{t.runHeaders.step}</th>
              <th scope="col">{t.runHeaders.outcome}</th>
              <th scope="col">{t.runHeaders.link}</th>
            </tr>
          </thead>
          <tbody>
            {props.runs.map((run) => (
              <tr>
                <td>{label(t.kinds, run.kind)}</td>
                <td>{utc(run.startedAt)}</td>
                <td>{run.closedAt ? utc(run.closedAt) : t.running}</td>
                <td>{label(t.steps, run.step)}</td>
                <td>
                  {run.outcome
                    ? label(t.outcomes, run.outcome)
                    : label(t.executions, run.execution)}
                </td>
                <td>
                  {run.link ? (
                    <a href={run.link} aria-label={t.openRunLabel(run.workflowId)}>
                      {t.openRun}
                    </a>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
