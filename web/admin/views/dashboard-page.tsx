import type { UserCensus } from '../../../directory/directory';
import type { RunningStatus } from '../../recoveries';
import type { PageContext } from '../../views/layout';
import type { DayCounts } from '../outcome-chart';
import { adminPaths } from '../paths';
import { AdminPage } from './admin-page';
import { CensusPanel, RunningPanel } from './dashboard-panels';
import { OutcomeChart } from './outcome-chart';

/** The periods the chart offers, in days. */
export const chartPeriods = [14, 30] as const;
export type ChartPeriod = (typeof chartPeriods)[number];

/** The console's first page: how recoveries ended lately, which run now, who can recover. */
export function DashboardPage(props: {
  page: PageContext;
  csrfToken: string;
  admin: string;
  period: ChartPeriod;
  series: DayCounts[];
  /** Absent: Temporal did not answer. */
  running?: Record<RunningStatus, number>;
  /** Absent: the directory did not answer. */
  census?: UserCensus;
  /** Users with security questions on file. */
  enrolled: number;
}) {
  const t = props.page.t.admin.dashboard;
  return (
    <AdminPage page={props.page} title={t.title} admin={props.admin} csrfToken={props.csrfToken}>
      <section class="card" aria-labelledby="outcomes-heading">
        <h2 id="outcomes-heading">{t.outcomesTitle}</h2>
        <p class="periods">
          {t.period}{' '}
          {chartPeriods.map((days) => (
            <a
              href={`${adminPaths.dashboard}?days=${days}`}
              aria-current={days === props.period ? 'true' : undefined}
            >
              {t.lastDays(days)}
            </a>
          ))}
        </p>
        <OutcomeChart series={props.series} locale={props.page.locale} t={t} />
      </section>
      <RunningPanel page={props.page} running={props.running} />
      <CensusPanel page={props.page} enrolled={props.enrolled} census={props.census} />
    </AdminPage>
  );
}
