import type { Context } from 'hono';
import { productNameFor } from '../i18n';
import type { WebEnv } from './env';
import type { PageContext } from './views/layout';

/** Builds what every page's layout needs from a request's context. */
export type PageContextOf = (c: Context<WebEnv>) => PageContext;

export function pageContextFactory(
  productName: string | undefined,
  assets: PageContext['assets'],
): PageContextOf {
  return (c) => ({
    locale: c.var.locale,
    t: c.var.t,
    productName: productNameFor(productName, c.var.locale),
    path: c.req.path,
    assets,
  });
}
