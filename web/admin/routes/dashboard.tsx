import { Hono } from 'hono';
import { enrolledCount, recoveryOutcomesByDay } from '../../../db/dashboard-stats';
import type { WebEnv } from '../../env';
import { adminOf } from '../auth';
import type { AdminDeps } from '../deps';
import { dailySeries, lastDays } from '../outcome-chart';
import { type ChartPeriod, chartPeriods, DashboardPage } from '../views/dashboard-page';

/** How many of the users without mail the dashboard names. */
const censusSample = 10;

/**
 * The dashboard, at adminPaths.dashboard: recoveries per day by outcome (the audit), those
 * running now (Temporal), and the directory's users without mail and enrollment coverage. The
 * census reads every user account, page by page, at each visit.
 */
export function dashboardRoutes(deps: AdminDeps) {
  const app = new Hono<WebEnv>();

  app.get('/', async (c) => {
    const asked = Number(c.req.query('days'));
    const period: ChartPeriod = chartPeriods.find((days) => days === asked) ?? chartPeriods[0];
    const days = lastDays(new Date(), period);
    // Temporal or the directory may be down: its panel says so, the rest of the page shows.
    const [rows, running, census, enrolled] = await Promise.all([
      recoveryOutcomesByDay(deps.db, days[0] as string),
      deps.recoveries.runningByStatus(),
      deps.directory.userCensus(censusSample).catch((error: unknown) => {
        deps.log.warn({ err: error }, 'dashboard: the directory did not answer');
        return undefined;
      }),
      enrolledCount(deps.db),
    ]);
    return c.html(
      <DashboardPage
        page={deps.pageContext(c)}
        csrfToken={c.var.csrfToken}
        admin={adminOf(c)}
        period={period}
        series={dailySeries(days, rows)}
        running={running.ok ? running.counts : undefined}
        census={census}
        enrolled={enrolled}
      />,
    );
  });

  return app;
}
