import type { Client } from '@temporalio/client';
import { Hono } from 'hono';
import { languageDetector } from 'hono/language';
import { secureHeaders } from 'hono/secure-headers';
import type { Logger } from '../common/logger';
import type { Db } from '../db/database';
import { staticAssets } from './assets';
import { csrfProtection } from './csrf';
import type { WebEnv } from './env';
import { isLocale, locales, messagesFor } from './i18n';
import { pageContextFactory } from './page-context';
import { messageResponse } from './responses';
import { linkRoutes } from './routes/link';
import { startRoutes } from './routes/start';

export interface WebDeps {
  client: Client;
  db: Db;
  linkKey: Buffer;
  taskQueue: string;
  publicUrl: string;
  productName: string;
  log: Logger;
}

/** The user-facing web application; also served in tests through app.request(). */
export function createApp(deps: WebDeps) {
  const secure = deps.publicUrl.startsWith('https://');
  const assets = staticAssets({ 'app.css': new URL('./static/app.css', import.meta.url) });
  const pageContext = pageContextFactory(deps.productName, assets.urls['app.css'] as string);
  const app = new Hono<WebEnv>();

  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        styleSrc: ["'self'"],
        scriptSrc: ["'self'"],
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
      lookupCookie: 'sspr_lang',
      caches: ['cookie'],
      cookieOptions: { sameSite: 'Lax', secure, httpOnly: true, path: '/', maxAge: 31536000 },
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
  app.use(
    csrfProtection({
      key: deps.linkKey,
      publicOrigin: new URL(deps.publicUrl).origin,
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

  app.route('/', startRoutes({ ...deps, pageContext }));
  app.route('/', linkRoutes({ ...deps, secureCookies: secure, pageContext }));
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

/** Paths under /link/ carry a token: never log it. */
function redactPath(path: string): string {
  return path.startsWith('/link/') ? '/link/[secret]' : path;
}
