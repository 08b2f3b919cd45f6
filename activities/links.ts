import { emailedLinkUrl, type LinkPurpose } from '../common/domain/links';
import type { Locale } from '../common/domain/locale';
import { newToken, tokenDigest } from '../common/tokens';
import type { Db } from '../db/database';
import { saveLink } from '../db/links';
import { linkMessage } from '../mail/link-message';
import type { Mailer } from '../mail/mailer';

export interface IssueLinkInput {
  workflowId: string;
  purpose: LinkPurpose;
  to: string;
  displayName: string;
  locale: Locale;
  ttlSeconds: number;
}

/** What the workflow keeps of a link: never the token, only its HMAC (ASVS 2.7.5). */
export interface IssuedLink {
  digest: string;
  purpose: LinkPurpose;
  expiresAt: string;
}

export interface LinkDeps {
  db: Db;
  mailer: Mailer;
  linkKey: Buffer;
  publicUrl: string;
  productName?: string;
}

/**
 * Makes a one-time link and e-mails it. The token is born and dies inside this
 * activity; the link is built from the configured public URL, never from a request's Host.
 */
export async function issueLink(deps: LinkDeps, input: IssueLinkInput): Promise<IssuedLink> {
  const token = newToken();
  const digest = tokenDigest(deps.linkKey, 'link', token);
  const expiresAt = new Date(Date.now() + input.ttlSeconds * 1000).toISOString();
  await saveLink(deps.db, {
    digest,
    workflow_id: input.workflowId,
    purpose: input.purpose,
    expires_at: expiresAt,
  });
  const message = linkMessage({
    locale: input.locale,
    productName: deps.productName,
    displayName: input.displayName,
    purpose: input.purpose,
    url: emailedLinkUrl(deps.publicUrl, 'link', token),
    validMinutes: Math.max(1, Math.round(input.ttlSeconds / 60)),
  });
  await deps.mailer.send({ to: input.to, ...message });
  return { digest, purpose: input.purpose, expiresAt };
}
