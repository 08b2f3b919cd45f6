import { Hono } from 'hono';
import { tokenDigest, tokenPattern } from '../../common/tokens';
import { consumeAlternateVerification } from '../../db/alternate-verifications';
import type { Db } from '../../db/database';
import type { WebEnv } from '../env';
import type { PageContextOf } from '../page-context';
import { tokenPage } from '../page-headers';
import { paths } from '../paths';
import { messageResponse } from '../responses';
import { ConfirmPage } from '../views/confirm-page';

export interface VerifyDeps {
  db: Db;
  linkKey: Buffer;
  pageContext: PageContextOf;
}

/** The link sent to the alternate address, under paths.verify: proves the user reads it, once. */
export function verifyRoutes(deps: VerifyDeps) {
  const app = new Hono<WebEnv>();
  app.use(tokenPage);

  app.get('/:token', (c) =>
    c.html(
      <ConfirmPage
        page={deps.pageContext(c)}
        csrfToken={c.var.csrfToken}
        action={`${paths.verify}/${c.req.param('token')}`}
        title={c.var.t.verify.title}
        intro={c.var.t.verify.intro}
        submit={c.var.t.verify.submit}
      />,
    ),
  );

  app.post('/:token', async (c) => {
    const token = c.req.param('token');
    const outcome = tokenPattern.test(token)
      ? await consumeAlternateVerification(deps.db, tokenDigest(deps.linkKey, 'link', token))
      : 'unknown';
    const t = c.var.t.verify;
    return outcome === 'verified'
      ? messageResponse(c, deps.pageContext(c), 200, {
          title: t.verifiedTitle,
          message: t.verified,
          kind: 'success',
        })
      : messageResponse(c, deps.pageContext(c), 410, {
          title: t.title,
          message: t[outcome],
          kind: 'error',
          backToStart: true,
        });
  });

  return app;
}
