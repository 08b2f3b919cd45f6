import type { MiddlewareHandler } from 'hono';

/** A page of one person's recovery: no browser or proxy keeps a copy. */
export const noStore: MiddlewareHandler = async (c, next) => {
  await next();
  c.header('Cache-Control', 'no-store');
};

/** A page whose address holds a token: the token must not leak to other sites or caches. */
export const tokenPage: MiddlewareHandler = async (c, next) => {
  await next();
  c.header('Referrer-Policy', 'no-referrer');
  c.header('Cache-Control', 'no-store');
};
