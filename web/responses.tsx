import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { WebEnv } from './env';
import type { PageContext } from './views/layout';
import { MessagePage, type MessagePageProps } from './views/message-page';

/** A page that only says something, with its status: errors and confirmations. */
export function messageResponse(
  c: Context<WebEnv>,
  page: PageContext,
  status: ContentfulStatusCode,
  props: Omit<MessagePageProps, 'page'>,
) {
  c.status(status);
  return c.html(<MessagePage page={page} {...props} />);
}

/** Temporal (or the worker) did not answer in time: nothing was lost, try again. */
export function unavailableResponse(c: Context<WebEnv>, page: PageContext) {
  return messageResponse(c, page, 503, {
    title: c.var.t.errors.serverTitle,
    message: c.var.t.errors.unavailable,
    kind: 'error',
    backToStart: true,
  });
}
