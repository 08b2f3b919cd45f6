import { Hono } from 'hono';
import { tokenDigest, tokenPattern } from '../../common/tokens';
import type { Db } from '../../db/database';
import { findLink, markLinkUsed } from '../../db/links';
import type { RecoveryLink } from '../../db/schema';
import type { Notice } from '../../i18n';
import type { WebEnv } from '../env';
import type { PageContextOf } from '../page-context';
import { tokenPage } from '../page-headers';
import { paths, startWith } from '../paths';
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

/** The one-time link, under paths.link: looked at on GET, used up on the user's POST. */
export function linkRoutes(deps: LinkDeps) {
  const app = new Hono<WebEnv>();
  app.use(tokenPage);

  app.get('/:token', async (c) => {
    const found = await lookUp(c.req.param('token'));
    if ('notice' in found) return c.redirect(startWith(found.notice), 303);
    return c.html(
      <ConfirmPage
        page={deps.pageContext(c)}
        csrfToken={c.var.csrfToken}
        action={`${paths.link}/${c.req.param('token')}`}
        title={c.var.t.link.title}
        intro={c.var.t.link.intro}
        note={c.var.t.link.once}
        submit={c.var.t.link.submit}
      />,
    );
  });

  app.post('/:token', async (c) => {
    const found = await lookUp(c.req.param('token'));
    if ('notice' in found) return c.redirect(startWith(found.notice), 303);
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
    if (!opened.ok) return c.redirect(startWith(`link-${opened.reason}`), 303);
    return c.redirect(paths.recovery, 303);
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
