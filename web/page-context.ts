import type { Context } from 'hono';
import type { WebEnv } from './env';
import type { PageContext } from './views/layout';

/** Builds what every page's layout needs from a request's context. */
export type PageContextOf = (c: Context<WebEnv>) => PageContext;

export function pageContextFactory(
  productName: string,
  assets: PageContext['assets'],
): PageContextOf {
  return (c) => ({
    locale: c.var.locale,
    t: c.var.t,
    productName,
    path: c.req.path,
    assets,
  });
}
