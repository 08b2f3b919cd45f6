import type { ResetMode } from '../../../common/domain/reset-mode';
import type { PolicyVersion } from '../../../db/schema';
import { Field } from '../../views/field';
import { Notice, type PageContext } from '../../views/layout';
import { adminPaths } from '../paths';
import { type PolicyFields, type PolicyProblem, policyChanges } from '../policy-form';
import { AdminPage } from './admin-page';

const numberFields = [
  'minQuestions',
  'linkTtlMinutes',
  'resendLimitPerHour',
  'linkMailsPerHour',
  'maxWrongAnswers',
  'lockoutMinutes',
  'temporaryKeyHours',
  'minAnswerLength',
] as const;

/** The recovery policy, its validation at the field, and the history of its changes. */
export function PolicyPage(props: {
  page: PageContext;
  csrfToken: string;
  admin: string;
  fields: PolicyFields;
  problems?: Partial<Record<keyof PolicyFields, PolicyProblem>>;
  saved?: boolean;
  history: PolicyVersion[];
}) {
  const t = props.page.t.admin;
  const problems = props.problems ?? {};
  const say = (problem: PolicyProblem | undefined) => {
    if (!problem) return undefined;
    if (problem.kind === 'range') return t.problems.range(problem.min, problem.max);
    if (problem.kind === 'moreThanCatalog') return t.problems.moreThanCatalog(problem.active);
    return t.problems[problem.kind];
  };
  return (
    <AdminPage
      page={props.page}
      title={t.policyTitle}
      admin={props.admin}
      csrfToken={props.csrfToken}
    >
      {props.saved ? <Notice kind="success">{t.policySaved}</Notice> : null}
      {Object.keys(problems).length > 0 ? (
        <Notice kind="error">{props.page.t.fields.summary}</Notice>
      ) : null}
      <p>{t.policyIntro}</p>
      <form method="post" action={adminPaths.policy} class="card" novalidate>
        <input type="hidden" name="csrf" value={props.csrfToken} />
        {numberFields.map((name) => (
          <Field
            id={name}
            label={t.fields[name]}
            error={say(problems[name])}
            control={(aria) => (
              <input
                id={name}
                name={name}
                type="text"
                inputmode="numeric"
                required
                value={props.fields[name]}
                {...aria}
              />
            )}
          />
        ))}
        <Field
          id="resetMode"
          label={t.fields.resetMode}
          error={say(problems.resetMode)}
          control={(aria) => (
            <select id="resetMode" name="resetMode" {...aria}>
              {(['temporary-key', 'user-chooses'] as const).map((mode) => (
                <option value={mode} selected={props.fields.resetMode === mode}>
                  {t.modes[mode]}
                </option>
              ))}
            </select>
          )}
        />
        <Field
          id="senderAddress"
          label={t.fields.senderAddress}
          error={say(problems.senderAddress)}
          control={(aria) => (
            <input
              id="senderAddress"
              name="senderAddress"
              type="email"
              value={props.fields.senderAddress}
              {...aria}
            />
          )}
        />
        <button type="submit">{t.save}</button>
      </form>
      <h2>{t.historyTitle}</h2>
      <table class="history">
        <thead>
          <tr>
            <th scope="col">{t.historyWhen}</th>
            <th scope="col">{t.historyWho}</th>
            <th scope="col">{t.historyWhat}</th>
          </tr>
        </thead>
        <tbody>
          {props.history.map((version, i) => (
            <tr>
              <td>{version.created_at.slice(0, 16).replace('T', ' ')}</td>
              <td>{version.created_by}</td>
              <td>{changes(t, version, props.history[i + 1]) || t.historyFirst}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </AdminPage>
  );
}

/** "setting: before → after" for every setting that differs from the previous version. */
function changes(
  t: PageContext['t']['admin'],
  version: PolicyVersion,
  previous: PolicyVersion | undefined,
): string {
  if (!previous) return '';
  const shown = (field: keyof PolicyFields, value: string) => {
    if (field === 'resetMode') return t.modeNames[value as ResetMode] ?? value;
    return value === '' ? '—' : value;
  };
  return policyChanges(version, previous)
    .map((c) => `${t.fields[c.field]}: ${shown(c.field, c.before)} → ${shown(c.field, c.after)}`)
    .join('; ');
}
