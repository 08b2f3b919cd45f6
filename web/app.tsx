import type { Client } from '@temporalio/client';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { languageDetector } from 'hono/language';
import { secureHeaders } from 'hono/secure-headers';
import { isLocale, locales } from '../common/domain/locale';
import type { Logger } from '../common/logger';
import type { SecretBox } from '../common/secret-box';
import { recordAudit } from '../db/audit';
import type { Db } from '../db/database';
import type { Directory } from '../directory/directory';
import { messagesFor } from '../i18n';
import { adminConsole } from './admin/console';
import { consolePath } from './admin/paths';
import { staticAssets } from './assets';
import { type Brand, brandAssets } from './brand';
import { clientAddress, trustedProxies } from './client-address';
import { type CodecEndpointOptions, codecEndpoint } from './codec-endpoint';
import { languageCookie } from './cookies';
import { csrfProtection } from './csrf';
import type { WebEnv } from './env';
import { pageContextFactory } from './page-context';
import { paths } from './paths';
import { type RateLimitOptions, rateLimiting } from './rate-limit';
import { createRecoveryClient } from './recoveries';
import { redactPath } from './redact-path';
import { messageResponse } from './responses';
import { linkRoutes } from './routes/link';
import { recoveryRoutes } from './routes/recovery';
import { startRoutes } from './routes/start';
import { verifyRoutes } from './routes/verify';

export interface WebDeps {
  client: Client;
  db: Db;
  linkKey: Buffer;
  taskQueue: string;
  /** How long a page waits for Temporal; tests on a busy machine wait longer. */
  temporalDeadlineMs?: number;
  publicUrl: string;
  productName?: string;
  /** Colour and logo from the configuration (web/brand.ts). */
  brand?: Brand;
  /** The break-glass admin for first set-up (configuration). */
  breakGlassAdmin?: { user: string; passwordHash: string };
  /** The admin console's sign-in and user catalog read the directory. */
  directory: Directory;
  /** Directory users in this group may administer; absent: only the break-glass admin. */
  adminGroupDn?: string;
  /** How often a directory admin's session re-reads the group (default 5 minutes). */
  adminMembershipRecheckMs?: number;
  /** Seals the SMTP passwords the admin console stores. */
  secretBox: SecretBox;
  /** SSPR_MAIL_FROM: the sender when the policy names none (the SMTP page shows its route). */
  mailFrom: string;
  /** The operators' Temporal Web UI, linked from the admin console; absent: no links. */
  temporalUiUrl?: string;
  log: Logger;
  /** The payload codec endpoint for operators' Web UI and CLI; absent (the default): off. */
  codecEndpoint?: Omit<CodecEndpointOptions, 'log'>;
  /** Limits on form submissions per client, username and session (web/rate-limit.ts). */
  rateLimits: RateLimitOptions;
  /** Reverse proxies whose X-Forwarded-For is believed (IPs, CIDRs); absent: none. */
  trustedProxies?: readonly string[];
  /**
   * What this app serves: everything (the default, one listener), the user pages without the
   * console (`/admin` and under it are then not found), or the console alone on its own
   * listener (SSPR_ADMIN_LISTEN), at the URL its admins' browsers use.
   */
  serves?: 'everything' | 'user-pages' | { console: string };
}

/** The user-facing web application; also served in tests through app.request(). */
export function createApp(deps: WebDeps) {
  const serves = deps.serves ?? 'everything';
  const consoleOnly = typeof serves === 'object';
  // The console alone answers at its own address: its forms come from there.
  const origin = new URL(consoleOnly ? serves.console : deps.publicUrl).origin;
  const secure = origin.startsWith('https://');
  const assets = staticAssets({
    'app.css': new URL('./static/app.css', import.meta.url),
    'app.js': new URL('./static/app.js', import.meta.url),
    'favicon.svg': new URL('./static/favicon.svg', import.meta.url),
    // Served from the project, never a CDN.
    'htmx.js': new URL(import.meta.resolve('htmx.org/dist/htmx.min.js')),
    ...brandAssets(deps.brand ?? {}),
  });
  const logo = Object.keys(assets.urls).find((name) => name.startsWith('logo.'));
  const pageContext = pageContextFactory(deps.productName, {
    css: assets.urls['app.css'] as string,
    app: assets.urls['app.js'] as string,
    htmx: assets.urls['htmx.js'] as string,
    icon: assets.urls['favicon.svg'] as string,
    brandCss: assets.urls['brand.css'],
    logo: logo && assets.urls[logo],
  });
  const recoveries = createRecoveryClient(deps.client, {
    taskQueue: deps.taskQueue,
    secretBox: deps.secretBox,
    deadlineMs: deps.temporalDeadlineMs,
  });
  const app = new Hono<WebEnv>();

  // Before the pages' middleware: JSON from another origin by design, with its own checks.
  if (deps.codecEndpoint && !consoleOnly) {
    app.route('/codec', codecEndpoint({ ...deps.codecEndpoint, log: deps.log }));
  }
  app.use(clientAddress({ trustedProxies: trustedProxies(deps.trustedProxies ?? []) }));
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        styleSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // htmx sends the forms and follows the links with fetch().
        connectSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
      },
      xFrameOptions: 'DENY',
      strictTransportSecurity: secure ? 'max-age=31536000; includeSubDomains' : false,
    }),
  );
  app.use(
    languageDetector({
      supportedLanguages: [...locales],
      fallbackLanguage: 'es',
      order: ['querystring', 'cookie', 'header'],
      lookupQueryString: 'lang',
      lookupCookie: languageCookie.name,
      caches: ['cookie'],
      cookieOptions: { ...languageCookie.attributes, secure },
    }),
  );
  app.use(async (c, next) => {
    const language = c.get('language');
    const locale = isLocale(language) ? language : 'es';
    c.set('locale', locale);
    c.set('t', messagesFor(locale));
    await next();
  });
  assets.mount(app as unknown as Hono<never>);
  // Before the forms' middleware, so the console's sign-in is not even counted here.
  if (serves === 'user-pages') app.all(`${consolePath}/*`, (c) => c.notFound());
  // The forms are small: a large body is refused before anything reads it.
  app.use(
    bodyLimit({
      maxSize: 64 * 1024,
      onError: (c) =>
        messageResponse(c, pageContext(c), 413, {
          title: c.var.t.errors.forbiddenTitle,
          message: c.var.t.errors.tooLarge,
          kind: 'error',
          backToStart: true,
        }),
    }),
  );
  app.use(
    csrfProtection({
      key: deps.linkKey,
      publicOrigin: origin,
      secureCookies: secure,
      onRefused: (c) =>
        messageResponse(c, pageContext(c), 403, {
          title: c.var.t.errors.forbiddenTitle,
          message: c.var.t.errors.formExpired,
          kind: 'error',
          backToStart: true,
        }),
    }),
  );
  app.use(
    rateLimiting({
      ...deps.rateLimits,
      key: deps.linkKey,
      log: deps.log,
      // Attempts at guessing show in the audit log, not only in the logs (once per window).
      onLimitReached: (c, limit, path) =>
        recordAudit(deps.db, {
          actor: 'anonymous',
          event: 'rate-limited',
          outcome: limit,
          clientAddress: c.var.clientAddress,
          details: { path },
        }),
      onLimited: (c, retryAfterSeconds) =>
        messageResponse(c, pageContext(c), 429, {
          title: c.var.t.rateLimited.title,
          message: c.var.t.rateLimited.message(Math.ceil(retryAfterSeconds / 60)),
          kind: 'error',
          backToStart: true,
        }),
    }),
  );

  if (!consoleOnly) {
    app.route(paths.start, startRoutes({ ...deps, recoveries, pageContext }));
    app.route(paths.link, linkRoutes({ ...deps, recoveries, secureCookies: secure, pageContext }));
    app.route(paths.verify, verifyRoutes({ ...deps, pageContext }));
    app.route(
      paths.recovery,
      recoveryRoutes({ ...deps, recoveries, secureCookies: secure, pageContext }),
    );
  }
  // Mounts each of its groups at its own path (web/admin/paths.ts).
  if (serves !== 'user-pages') {
    app.route(
      '/',
      adminConsole({
        db: deps.db,
        key: deps.linkKey,
        secureCookies: secure,
        pageContext,
        client: deps.client,
        recoveries,
        taskQueue: deps.taskQueue,
        directory: deps.directory,
        secretBox: deps.secretBox,
        mailFrom: deps.mailFrom,
        log: deps.log,
        breakGlass: deps.breakGlassAdmin,
        adminGroupDn: deps.adminGroupDn,
        membershipRecheckMs: deps.adminMembershipRecheckMs,
        temporalUiUrl: deps.temporalUiUrl,
        temporalDeadlineMs: deps.temporalDeadlineMs,
      }),
    );
  }
  // The console's own address leads to it.
  if (consoleOnly) app.get('/', (c) => c.redirect(consolePath, 303));
  app.get('/healthz', (c) => c.json({ status: 'ok' }));

  app.notFound((c) =>
    messageResponse(c, pageContext(c), 404, {
      title: c.var.t.errors.notFoundTitle,
      message: c.var.t.errors.notFound,
      kind: 'info',
      backToStart: true,
    }),
  );
  app.onError((error, c) => {
    deps.log.error({ err: error, path: redactPath(c.req.path) }, 'request failed');
    return messageResponse(c, pageContext(c), 500, {
      title: c.var.t.errors.serverTitle,
      message: c.var.t.errors.server,
      kind: 'error',
      backToStart: true,
    });
  });
  return app;
}
