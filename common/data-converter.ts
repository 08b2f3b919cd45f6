import { fileURLToPath } from 'node:url';
import type { DataConverter } from '@temporalio/common';
import { AesGcmPayloadCodec, type CodecKey } from './payload-codec';

/** The failure converter module, for DataConverter and for bundleWorkflowCode. */
export const failureConverterPath = fileURLToPath(
  new URL('./failure-converter.ts', import.meta.url),
);

/**
 * How every client and worker of the service talks to Temporal: payloads encrypted by the
 * codec, failure messages encoded so that the codec encrypts them too. A workflow bundle made
 * ahead of time must be made with the same failureConverterPath.
 */
export function dataConverterFor(keys: readonly CodecKey[]): DataConverter {
  return { payloadCodecs: [new AesGcmPayloadCodec(keys)], failureConverterPath };
}
