import { emailedLinkUrl, type LinkPurpose } from '../common/domain/links';
import type { Locale } from '../common/domain/locale';
import { newToken, tokenDigest } from '../common/tokens';
import type { Db } from '../db/database';
import { forgetLink, linksToSince, saveLink } from '../db/links';
import { linkMessage } from '../mail/link-message';
import type { Mailer } from '../mail/mailer';

export interface IssueLinkInput {
  workflowId: string;
  purpose: LinkPurpose;
  to: string;
  displayName: string;
  locale: Locale;
  ttlSeconds: number;
  /**
   * The inbox cap: the most links the address may get in an hour, from every recovery
   * together, this one included; absent, the link always goes.
   */
  capPerHour?: number;
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

const hourMs = 60 * 60 * 1000;

/**
 * Makes a one-time link and e-mails it, or, when the address already got its cap of links
 * in the last hour, neither (undefined). The token is born and dies inside this
 * activity; the link is built from the configured public URL, never from a request's Host.
 */
export async function issueLink(
  deps: LinkDeps,
  input: IssueLinkInput,
): Promise<IssuedLink | undefined> {
  const token = newToken();
  const digest = tokenDigest(deps.linkKey, 'link', token);
  const toDigest = tokenDigest(deps.linkKey, 'inbox', input.to.toLowerCase());
  const expiresAt = new Date(Date.now() + input.ttlSeconds * 1000).toISOString();
  await saveLink(deps.db, {
    digest,
    workflow_id: input.workflowId,
    purpose: input.purpose,
    expires_at: expiresAt,
    to_digest: toDigest,
  });
  // Counted after this one is saved: two recoveries mailing the address at once both see
  // each other, so together they never pass the cap.
  const capped =
    input.capPerHour !== undefined &&
    (await linksToSince(deps.db, toDigest, new Date(Date.now() - hourMs))) > input.capPerHour;
  if (capped) {
    await forgetLink(deps.db, digest);
    return undefined;
  }
  const message = linkMessage({
    locale: input.locale,
    productName: deps.productName,
    displayName: input.displayName,
    purpose: input.purpose,
    url: emailedLinkUrl(deps.publicUrl, 'link', token),
    validMinutes: Math.max(1, Math.round(input.ttlSeconds / 60)),
  });
  try {
    await deps.mailer.send({ to: input.to, ...message });
  } catch (error) {
    // A retry makes a link of its own: this one never went out, and must not use up the cap.
    await forgetLink(deps.db, digest);
    throw error;
  }
  return { digest, purpose: input.purpose, expiresAt };
}
