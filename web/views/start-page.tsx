import { paths } from '../paths';
import { Layout, Notice, type PageContext } from './layout';

export interface StartPageProps {
  page: PageContext;
  csrfToken: string;
  username?: string;
  fieldError?: string;
  /** A message shown above the form, e.g. why a link was refused. */
  notice?: string;
  /** Minutes the link lives: set once a request was taken, to show the bottom message. */
  sentMinutes?: number;
}

/** The start page: one field, and at the bottom the "e-mail sent" message. */
export function StartPage(props: StartPageProps) {
  const { t } = props.page;
  const errorId = 'username-error';
  return (
    <Layout page={props.page} title={t.start.title}>
      {props.notice ? <Notice kind="info">{props.notice}</Notice> : null}
      <p>{t.start.intro}</p>
      <form method="post" action={paths.start} class="card" novalidate>
        <input type="hidden" name="csrf" value={props.csrfToken} />
        <label for="username">{t.start.usernameLabel}</label>
        <p class="hint" id="username-hint">
          {t.start.usernameHint}
        </p>
        <input
          id="username"
          name="username"
          type="text"
          autocomplete="username"
          autocapitalize="none"
          spellcheck={false}
          required
          maxlength={64}
          value={props.username ?? ''}
          aria-describedby={props.fieldError ? `username-hint ${errorId}` : 'username-hint'}
          aria-invalid={props.fieldError ? 'true' : undefined}
          autofocus={!props.sentMinutes}
        />
        {props.fieldError ? (
          <p class="field-error" id={errorId}>
            {props.fieldError}
          </p>
        ) : null}
        <button type="submit">{t.start.submit}</button>
      </form>
      {props.sentMinutes ? <Notice kind="success">{t.start.sent(props.sentMinutes)}</Notice> : null}
    </Layout>
  );
}
