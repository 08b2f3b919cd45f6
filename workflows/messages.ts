import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';

/** What the web sends to start a recovery; the same for every well-formed username (S4). */
export interface RecoveryRequest {
  /** Canonical username (common/username.ts). */
  username: string;
  /** Language of the page the request came from; e-mails follow it. */
  locale: Locale;
}

export type Locale = 'es' | 'en';

export type RecoveryStatus = 'looking-up' | 'waiting-for-click' | 'link-opened' | 'ended';

/** How a recovery ended; never shown to the requester (S4), only to operators and the audit. */
export type RecoveryOutcome = 'no-account' | 'no-mail' | 'link-expired' | 'link-opened';

export type LinkPurpose = 'enroll' | 'answer';

export interface PublicState {
  status: RecoveryStatus;
  /** ISO time when the current link stops working. */
  linkExpiresAt?: string;
}

export interface OpenLinkInput {
  /** HMAC of the token from the link (common/tokens.ts): the token itself never reaches history. */
  linkDigest: string;
  /** HMAC of the session secret the browser gets in exchange for the link. */
  sessionDigest: string;
}

export interface OpenLinkResult {
  next: LinkPurpose;
}

/** Why a link was refused: the page tells the user which, and sends them back to the start. */
export type LinkRefusal = 'expired' | 'used' | 'superseded' | 'unknown';

/** A repeated request for the same user while a recovery runs: re-send a fresh link. */
export const requestAgain = defineSignal<[RecoveryRequest]>('requestAgain');

/** The user opened the link; accepted once, only for the newest link, before it expires. */
export const openLink = defineUpdate<OpenLinkResult, [OpenLinkInput]>('openLink');

export const publicState = defineQuery<PublicState>('publicState');
