import { DefaultFailureConverter } from '@temporalio/common';

/**
 * Failure messages and stack traces travel as an encoded payload (so the payload codec
 * encrypts them) instead of plain text in history. Loaded by path (DataConverter's
 * failureConverterPath): in the workflow sandbox through the bundle, in the client and the
 * worker's main thread by require(); so this module imports nothing but the SDK.
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
