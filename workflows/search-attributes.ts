import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** Operators list "recoveries of user X" and "recoveries waiting for a click" by these. */
export const recoveryUser = defineSearchAttributeKey('RecoveryUser', SearchAttributeType.KEYWORD);
export const recoveryStatus = defineSearchAttributeKey(
  'RecoveryStatus',
  SearchAttributeType.KEYWORD,
);

/** For `temporal server start-dev --search-attribute` and cluster set-up. */
export const searchAttributeTypes = {
  [recoveryUser.name]: 'Keyword',
  [recoveryStatus.name]: 'Keyword',
} as const;
