import { Hono } from 'hono';
import { tokenDigest, tokenPattern } from '../../common/tokens';
import type { Db } from '../../db/database';
import { findLink, markLinkUsed } from '../../db/links';
import type { RecoveryLink } from '../../db/schema';
import type { Notice } from '../../i18n';
import type { WebEnv } from '../env';
import type { PageContextOf } from '../page-context';
import type { RecoveryClient } from '../recoveries';
import { unavailableResponse } from '../responses';
import { endSession, startSession } from '../session';
import { ConfirmPage } from '../views/confirm-page';

export interface LinkDeps {
  recoveries: RecoveryClient;
  db: Db;
  linkKey: Buffer;
  secureCookies: boolean;
  pageContext: PageContextOf;
}

/** The one-time link (R12, R13): looked at on GET, used up on the user's POST. */
export function linkRoutes(deps: LinkDeps) {
  const app = new Hono<WebEnv>();

  // Token pages must not leak the token to other sites or caches (standards: Web).
  app.use('/link/*', async (c, next) => {
    await next();
    c.header('Referrer-Policy', 'no-referrer');
    c.header('Cache-Control', 'no-store');
  });

  app.get('/link/:token', async (c) => {
    const found = await lookUp(c.req.param('token'));
    if ('notice' in found) return c.redirect(`/?notice=${found.notice}`, 303);
    return c.html(
      <ConfirmPage
        page={deps.pageContext(c)}
        csrfToken={c.var.csrfToken}
        action={`/link/${c.req.param('token')}`}
        title={c.var.t.link.title}
        intro={c.var.t.link.intro}
        note={c.var.t.link.once}
        submit={c.var.t.link.submit}
      />,
    );
  });

  app.post('/link/:token', async (c) => {
    const found = await lookUp(c.req.param('token'));
    if ('notice' in found) return c.redirect(`/?notice=${found.notice}`, 303);
    const sessionDigest = startSession(c, {
      workflowId: found.link.workflow_id,
      key: deps.linkKey,
      secure: deps.secureCookies,
    });
    const opened = await deps.recoveries.openLink(found.link.workflow_id, {
      linkDigest: found.link.digest,
      sessionDigest,
      clientAddress: c.var.clientAddress,
    });
    if (!opened.ok) endSession(c);
    if (!opened.ok && opened.reason === 'unavailable') {
      return unavailableResponse(c, deps.pageContext(c));
    }
    if (opened.ok || opened.reason === 'used') await markLinkUsed(deps.db, found.link.digest);
    if (!opened.ok) return c.redirect(`/?notice=link-${opened.reason}`, 303);
    return c.redirect('/recovery', 303);
  });

  async function lookUp(token: string): Promise<{ link: RecoveryLink } | { notice: Notice }> {
    if (!tokenPattern.test(token)) return { notice: 'link-unknown' };
    const link = await findLink(deps.db, tokenDigest(deps.linkKey, 'link', token));
    if (!link) return { notice: 'link-unknown' };
    if (link.used_at) return { notice: 'link-used' };
    if (Date.parse(link.expires_at) <= Date.now()) return { notice: 'link-expired' };
    return { link };
  }

  return app;
}
