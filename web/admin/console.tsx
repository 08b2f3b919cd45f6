import { Hono } from 'hono';
import type { WebEnv } from '../env';
import { adminAuth } from './auth';
import type { AdminDeps } from './deps';
import { adminPaths, consolePath } from './paths';
import { auditRoutes } from './routes/audit';
import { dashboardRoutes } from './routes/dashboard';
import { policyRoutes } from './routes/policy';
import { questionRoutes } from './routes/questions';
import { signInRoutes, signOutRoutes } from './routes/sign-in';
import { smtpRoutes } from './routes/smtp';
import { userRoutes } from './routes/users';

/** The admin console, under consolePath: every page but sign-in and sign-out needs a session. */
export function adminConsole(deps: AdminDeps) {
  const app = new Hono<WebEnv>();
  const auth = adminAuth(deps);
  const audit = auditRoutes(deps);

  // Before the session check: Hono runs the handlers in order, and these two answer themselves.
  app.route(adminPaths.signIn, signInRoutes(deps, auth));
  app.route(adminPaths.signOut, signOutRoutes(deps, auth));
  // The console's root and everything under it, known pages or not.
  app.use(`${consolePath}/*`, auth.requireAdmin);
  app.route(adminPaths.dashboard, dashboardRoutes(deps));
  app.route(adminPaths.users, userRoutes(deps));
  app.route(adminPaths.policy, policyRoutes(deps));
  app.route(adminPaths.questions, questionRoutes(deps));
  app.route(adminPaths.smtp, smtpRoutes(deps));
  app.route(adminPaths.audit, audit.log);
  app.route(adminPaths.auditCsv, audit.csv);
  return app;
}
