import { Hono } from 'hono';
import type { WebEnv } from '../env';
import { adminAuth } from './auth';
import type { AdminDeps } from './deps';
import { auditRoutes } from './routes/audit';
import { dashboardRoutes } from './routes/dashboard';
import { policyRoutes } from './routes/policy';
import { questionRoutes } from './routes/questions';
import { signInRoutes } from './routes/sign-in';
import { smtpRoutes } from './routes/smtp';
import { userRoutes } from './routes/users';

/** The admin console (R2-R7, R12, R15, S3), under /admin: every page but sign-in needs a session. */
export function adminConsole(deps: AdminDeps) {
  const app = new Hono<WebEnv>();
  const auth = adminAuth(deps);

  app.route('/', signInRoutes(deps, auth));
  app.use('/admin', auth.requireAdmin);
  app.use('/admin/*', auth.requireAdmin);
  app.route('/', dashboardRoutes(deps));
  app.route('/', policyRoutes(deps));
  app.route('/', questionRoutes(deps));
  app.route('/', smtpRoutes(deps));
  app.route('/', userRoutes(deps));
  app.route('/', auditRoutes(deps));
  return app;
}
