import type { AuditPage as AuditRows } from '../../../db/audit-log';
import { Field } from '../../views/field';
import { Notice, type PageContext } from '../../views/layout';
import {
  type AuditFields,
  type AuditProblem,
  auditQueryString,
  cursorParam,
} from '../audit-filter';
import { detailsText, eventLabel, knownEvents, shownTime, workflowUrl } from '../audit-format';
import { adminPaths } from '../paths';
import { AdminPage } from './admin-page';

/** The filter's inputs after the event: typed text, and days (a date picker where there is one). */
const inputs = [
  ['user', 'text'],
  ['actor', 'text'],
  ['outcome', 'text'],
  ['from', 'date'],
  ['to', 'date'],
] as const;

/** The audit log: its filters (a GET form), the matching events newest first, pages, CSV. */
export function AuditLogPage(props: {
  page: PageContext;
  csrfToken: string;
  admin: string;
  fields: AuditFields;
  problems?: Partial<Record<keyof AuditFields, AuditProblem>>;
  /** Absent when the filters have a problem: nothing is listed. */
  events?: AuditRows;
  /** The Temporal Web UI and namespace, for links to each event's workflow. */
  temporal?: { ui: string; namespace: string };
}) {
  const t = props.page.t.admin.audit;
  const problems = props.problems ?? {};
  const say = (problem: AuditProblem | undefined) => {
    if (!problem) return undefined;
    if (problem.kind === 'date') return t.problems.date(problem.typed);
    if (problem.kind === 'tooLong') return t.problems.tooLong(problem.max);
    return t.problems[problem.kind];
  };
  const events = knownEvents(t);
  const chosen = props.fields.event;
  const hints: Partial<Record<keyof AuditFields, string>> = {
    actor: t.actorHint,
    outcome: t.outcomeHint,
  };
  return (
    <AdminPage page={props.page} title={t.title} admin={props.admin} csrfToken={props.csrfToken}>
      {Object.keys(problems).length > 0 ? (
        <Notice kind="error">{props.page.t.fields.summary}</Notice>
      ) : null}
      <p>{t.intro}</p>
      <form method="get" action={adminPaths.audit} class="card audit-filters" novalidate>
        <Field
          id="event"
          label={t.event}
          error={say(problems.event)}
          control={(aria) => (
            <select id="event" name="event" {...aria}>
              <option value="">{t.anyEvent}</option>
              {/* An event named in the address that the list does not know stays chosen. */}
              {(chosen && !events.includes(chosen) ? [...events, chosen] : events).map((e) => (
                <option value={e} selected={e === chosen}>
                  {eventLabel(t, e)}
                </option>
              ))}
            </select>
          )}
        />
        {inputs.map(([name, type]) => (
          <Field
            id={name}
            label={t[name]}
            hint={hints[name]}
            error={say(problems[name])}
            control={(aria) => (
              <input id={name} name={name} type={type} value={props.fields[name]} {...aria} />
            )}
          />
        ))}
        <div class="audit-actions">
          <button type="submit">{t.filter}</button>
          <a href={adminPaths.audit}>{t.clear}</a>
          {props.events ? (
            // A file, not a page: htmx must leave this link to the browser.
            <a
              href={`${adminPaths.auditCsv}${auditQueryString(props.fields)}`}
              hx-boost="false"
              download
            >
              {t.download}
            </a>
          ) : null}
        </div>
      </form>
      {props.events ? <EventTable {...props} events={props.events} /> : null}
    </AdminPage>
  );
}

function EventTable(props: {
  page: PageContext;
  fields: AuditFields;
  events: AuditRows;
  temporal?: { ui: string; namespace: string };
}) {
  const t = props.page.t.admin.audit;
  const { rows, older, newer } = props.events;
  if (rows.length === 0) return <p class="audit-none">{t.none}</p>;
  /** The log filtered as now, a page newer or older. */
  const pageHref = (page: { newer: string } | { older: string }) =>
    `${adminPaths.audit}${auditQueryString(props.fields, page)}`;
  const c = t.columns;
  return (
    <>
      {/* Scrolls sideways on a narrow screen; a keyboard can scroll it too. */}
      <section class="audit-scroll" aria-label={t.title} tabindex={0}>
        <table class="history audit-log">
          <thead>
            <tr>
              {[
                c.at,
                c.event,
                c.outcome,
                c.user,
                c.actor,
                c.clientAddress,
                c.details,
                c.workflow,
              ].map((name) => (
                <th scope="col">{name}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr>
                <td>
                  <time datetime={row.at}>{shownTime(row.at)}</time>
                </td>
                <td>{eventLabel(t, row.event)}</td>
                <td>
                  <code>{row.outcome}</code>
                </td>
                <td>{row.username ?? ''}</td>
                <td>{row.actor}</td>
                <td>{row.client_address ?? ''}</td>
                <td>{detailsText(row.details)}</td>
                <td>
                  {row.workflow_id && props.temporal ? (
                    <a
                      href={workflowUrl(
                        props.temporal.ui,
                        props.temporal.namespace,
                        row.workflow_id,
                      )}
                      aria-label={t.openWorkflow(row.workflow_id)}
                      hx-boost="false"
                    >
                      {row.workflow_id}
                    </a>
                  ) : (
                    (row.workflow_id ?? '')
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {older || newer ? (
        <nav class="audit-pages" aria-label={t.pages}>
          {newer ? (
            <a rel="prev" href={pageHref({ newer: cursorParam(newer) })}>
              {`← ${t.newer}`}
            </a>
          ) : null}
          {older ? (
            <a rel="next" href={pageHref({ older: cursorParam(older) })}>
              {`${t.older} →`}
            </a>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
