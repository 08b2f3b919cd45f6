import type { SmtpConfigProblems, SmtpConfigView } from '../../../db/smtp-configs';
import { tlsModes } from '../../../db/smtp-configs';
import { Field } from '../../views/field';
import { Notice, type PageContext } from '../../views/layout';
import { shownTime } from '../audit-format';
import { adminPaths, smtpPath } from '../paths';
import type { SmtpFields } from '../smtp-form';
import { AdminPage } from './admin-page';
import { type SmtpDone, testCode, testedEarlierVersion } from './smtp-page';

/**
 * A new SMTP configuration, or one to change, and for a saved one its test message.
 * The password is never shown: the field stays empty, and empty keeps the stored one.
 */
export function SmtpConfigPage(props: {
  page: PageContext;
  csrfToken: string;
  admin: string;
  /** Absent: a new configuration. */
  config?: SmtpConfigView;
  fields: SmtpFields;
  problems?: SmtpConfigProblems;
  passwordConflict?: boolean;
  /** A password was typed into a form refused for other reasons: it was not kept. */
  passwordDropped?: boolean;
  clearPassword?: boolean;
  /** The policy's sender chooses this configuration now. */
  inUse?: boolean;
  done?: SmtpDone | undefined;
  /** The test form: the address as typed, and whether it is one. */
  testTo?: string;
  testToInvalid?: boolean;
  /** Just tested: the result is news, and announced. */
  tested?: boolean;
}) {
  const t = props.page.t.admin.smtp;
  const { config } = props;
  const problems = props.problems ?? {};
  const refused = Object.keys(problems).length > 0 || props.passwordConflict;
  const action = smtpPath(config ? config.id : 'new');
  const text = (name: 'name' | 'host' | 'username', type = 'text') => (
    <Field
      id={name}
      label={t.fields[name]}
      hint={name === 'username' ? t.hints.username : undefined}
      error={problems[name] && t.problems[problems[name]]}
      control={(aria) => (
        <input
          id={name}
          name={name}
          type={type}
          autocomplete="off"
          value={props.fields[name]}
          {...aria}
        />
      )}
    />
  );
  const passwordHint = [
    t.hints.password,
    config && (config.hasPassword ? t.hints.passwordKeep : t.hints.passwordNone),
    props.passwordDropped && t.passwordNotKept,
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <AdminPage
      page={props.page}
      title={config ? t.editTitle(config.name) : t.newTitle}
      admin={props.admin}
      csrfToken={props.csrfToken}
    >
      {props.done ? <Notice kind="success">{t.done[props.done]}</Notice> : null}
      {refused ? <Notice kind="error">{props.page.t.fields.summary}</Notice> : null}
      {props.inUse ? <p>{t.inUseNow}</p> : null}
      <form method="post" action={action} class="card" novalidate>
        <input type="hidden" name="csrf" value={props.csrfToken} />
        {text('name')}
        {text('host')}
        <Field
          id="port"
          label={t.fields.port}
          hint={t.hints.port}
          error={problems.port && t.problems[problems.port]}
          control={(aria) => (
            <input
              id="port"
              name="port"
              type="text"
              inputmode="numeric"
              value={props.fields.port}
              {...aria}
            />
          )}
        />
        <Field
          id="tlsMode"
          label={t.fields.tlsMode}
          error={problems.tlsMode && t.problems[problems.tlsMode]}
          control={(aria) => (
            <select id="tlsMode" name="tlsMode" {...aria}>
              {tlsModes.map((mode) => (
                <option value={mode} selected={props.fields.tlsMode === mode}>
                  {t.tlsModes[mode]}
                </option>
              ))}
            </select>
          )}
        />
        {text('username')}
        <Field
          id="password"
          label={t.fields.password}
          hint={passwordHint}
          error={
            props.passwordConflict
              ? t.problems.passwordAndClear
              : problems.password && t.problems[problems.password]
          }
          control={(aria) => (
            <input
              id="password"
              name="password"
              type="password"
              autocomplete="new-password"
              {...aria}
            />
          )}
        />
        {config?.hasPassword ? (
          <div class="field checkbox">
            <input
              type="checkbox"
              id="clearPassword"
              name="clearPassword"
              value="1"
              checked={props.clearPassword === true}
            />
            <label for="clearPassword">{t.clearPassword}</label>
          </div>
        ) : null}
        <Field
          id="senderAddress"
          label={t.fields.senderAddress}
          hint={t.hints.senderAddress}
          error={problems.senderAddress && t.problems[problems.senderAddress]}
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
        <div class="admin-buttons">
          <button type="submit">{config ? t.save : t.create}</button>
          <a href={adminPaths.smtp}>{t.back}</a>
        </div>
      </form>
      {config ? <TestSection {...props} config={config} /> : null}
      {config ? (
        <p>
          <a href={smtpPath(config.id, 'delete')}>{t.delete}</a>
        </p>
      ) : null}
    </AdminPage>
  );
}

/** The test message's form, and what the last test found, in words and as the server said. */
function TestSection(props: Parameters<typeof SmtpConfigPage>[0] & { config: SmtpConfigView }) {
  const t = props.page.t.admin.smtp;
  const test = props.config.lastTest;
  const code = test && testCode(t, test);
  return (
    <section aria-labelledby="test-title">
      <h2 id="test-title">{t.testTitle}</h2>
      {test && code ? (
        // Just tested: news, announced; otherwise a record, read in its place.
        <div
          id="test-result"
          class={`notice notice-${code === 'ok' ? 'success' : 'error'}`}
          role={props.tested ? (code === 'ok' ? 'status' : 'alert') : undefined}
        >
          <p>
            {t.lastTest(shownTime(test.at))} {t.results[code]}
          </p>
          {test.detail ? <p class="detail">{t.serverSaid(test.detail)}</p> : null}
          {testedEarlierVersion(props.config) ? <p>{t.lastTestEarlier}</p> : null}
        </div>
      ) : null}
      <p>{t.testIntro}</p>
      <form method="post" action={smtpPath(props.config.id, 'test')} class="card" novalidate>
        <input type="hidden" name="csrf" value={props.csrfToken} />
        <Field
          id="testTo"
          label={t.testTo}
          error={props.testToInvalid ? t.problems['invalid-email'] : undefined}
          control={(aria) => (
            <input id="testTo" name="to" type="email" value={props.testTo ?? ''} {...aria} />
          )}
        />
        <button type="submit">{t.sendTest}</button>
      </form>
    </section>
  );
}
