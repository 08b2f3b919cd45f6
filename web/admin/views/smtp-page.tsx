import type { SmtpConfigView, SmtpTestRecord } from '../../../db/smtp-configs';
import type { Messages } from '../../../i18n';
import type { SmtpTestCode } from '../../../mail/smtp-configs';
import { Notice, type PageContext } from '../../views/layout';
import { shownTime } from '../audit-format';
import { smtpPath } from '../paths';
import { AdminPage } from './admin-page';

type SmtpTexts = Messages['admin']['smtp'];
export type SmtpDone = keyof SmtpTexts['done'];

/** Where the mail goes now: the sender, whether the policy names it, and its configuration. */
export interface MailRouteView {
  sender: string;
  fromPolicy: boolean;
  chosen: SmtpConfigView | undefined;
}

/** The SMTP configurations, which one sends the mail, and how each last test went. */
export function SmtpPage(props: {
  page: PageContext;
  csrfToken: string;
  admin: string;
  configs: SmtpConfigView[];
  route: MailRouteView;
  done?: SmtpDone | undefined;
}) {
  const t = props.page.t.admin.smtp;
  const { route } = props;
  return (
    <AdminPage page={props.page} title={t.title} admin={props.admin} csrfToken={props.csrfToken}>
      {props.done ? <Notice kind="success">{t.done[props.done]}</Notice> : null}
      <p>{t.intro}</p>
      <p id="mail-route">
        {route.fromPolicy ? t.senderFromPolicy(route.sender) : t.senderDefault(route.sender)}{' '}
        {route.chosen ? t.routeConfig(route.chosen.name) : t.routeEnvironment}
      </p>
      {props.configs.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <table class="history admin-catalog">
          <thead>
            <tr>
              <th scope="col">{t.columns.name}</th>
              <th scope="col">{t.columns.server}</th>
              <th scope="col">{t.columns.tlsMode}</th>
              <th scope="col">{t.columns.user}</th>
              <th scope="col">{t.columns.sender}</th>
              <th scope="col">{t.columns.inUse}</th>
              <th scope="col">{t.columns.lastTest}</th>
            </tr>
          </thead>
          <tbody>
            {props.configs.map((config) => (
              <tr id={`smtp-${config.id}`}>
                <td>
                  <a href={smtpPath(config.id)}>{config.name}</a>
                </td>
                <td>{`${config.host}:${config.port}`}</td>
                <td>{t.tlsModes[config.tlsMode]}</td>
                <td>{config.username ?? t.noUser}</td>
                <td>{config.senderAddress}</td>
                <td>{route.chosen?.id === config.id ? t.inUse : t.notInUse}</td>
                <td>{lastTestSummary(t, config)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <a href={smtpPath('new')} class="button-link">
          {t.add}
        </a>
      </p>
    </AdminPage>
  );
}

/** "connection refused, 2026-03-31 10:02:07 UTC, (before the last change)". */
function lastTestSummary(t: SmtpTexts, config: SmtpConfigView): string {
  const test = config.lastTest;
  if (!test) return t.neverTested;
  const parts = [t.short[testCode(t, test)], t.testedAt(shownTime(test.at))];
  if (testedEarlierVersion(config)) parts.push(`(${t.testedBefore})`);
  return parts.join(', ');
}

/** A stored code as the page knows it; one from a later version of the service reads "other". */
export function testCode(t: SmtpTexts, test: SmtpTestRecord): SmtpTestCode {
  return Object.hasOwn(t.short, test.code) ? (test.code as SmtpTestCode) : 'other';
}

/** The test ran before the configuration's last change. */
export function testedEarlierVersion(config: SmtpConfigView): boolean {
  return config.lastTest !== null && config.lastTest.at < config.updatedAt;
}
