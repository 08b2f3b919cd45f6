import type { UserCensus } from '../../../directory/directory';
import type { RunningStatus } from '../../recoveries';
import { runningStatuses } from '../../recoveries';
import { Notice, type PageContext } from '../../views/layout';
import { enrollmentCoverage } from '../enrollment-coverage';

/** Recoveries running now, by the step they are at (Temporal visibility); absent: it did not answer. */
export function RunningPanel(props: {
  page: PageContext;
  running?: Record<RunningStatus, number>;
}) {
  const t = props.page.t.admin.dashboard;
  const number = new Intl.NumberFormat(props.page.locale);
  const running = props.running;
  return (
    <section class="card" aria-labelledby="running-heading">
      <h2 id="running-heading">{t.runningTitle}</h2>
      {running ? (
        <>
          <p class="hint">{t.runningIntro}</p>
          <table class="history running">
            <thead>
              <tr>
                <th scope="col">{t.statusHeader}</th>
                <th scope="col">{t.countHeader}</th>
              </tr>
            </thead>
            <tbody>
              {runningStatuses.map((status) => (
                <tr data-status={status}>
                  <th scope="row">{t.statuses[status]}</th>
                  <td>{number.format(running[status])}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t.totalHeader}</th>
                <td>{number.format(Object.values(running).reduce((sum, n) => sum + n, 0))}</td>
              </tr>
            </tfoot>
          </table>
        </>
      ) : (
        <Notice kind="error">{t.temporalDown}</Notice>
      )}
    </section>
  );
}

/** Who cannot recover for want of mail, and how many have set up their questions. */
export function CensusPanel(props: { page: PageContext; census?: UserCensus; enrolled: number }) {
  const t = props.page.t.admin.dashboard;
  const census = props.census;
  const coverage = census && enrollmentCoverage(census, props.enrolled);
  return (
    <section class="card" aria-labelledby="census-heading">
      <h2 id="census-heading">{t.usersTitle}</h2>
      {census && coverage ? (
        <>
          <p>{t.usersCounted(census.users, census.disabled)}</p>
          <p>{t.withoutMail(census.withoutMail)}</p>
          {census.withoutMailSample.length > 0 ? (
            <>
              <p id="without-mail">{t.withoutMailSample}</p>
              <ul class="without-mail" aria-labelledby="without-mail">
                {census.withoutMailSample.map((username) => (
                  <li>{username}</li>
                ))}
              </ul>
            </>
          ) : null}
          <p>{t.coverage(coverage.enrolled, coverage.eligible, coverage.ratio)}</p>
          <p class="hint">{t.coverageNote}</p>
          {census.complete ? null : <Notice kind="info">{t.incomplete}</Notice>}
        </>
      ) : (
        <Notice kind="error">{t.directoryDown}</Notice>
      )}
    </section>
  );
}
