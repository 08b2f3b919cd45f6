import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { METADATA_ENCODING_KEY, type Payload, type PayloadCodec } from '@temporalio/common';
import proto from '@temporalio/proto';

/** The encoding of an encrypted payload, as Temporal's samples in every language name it. */
export const encryptedEncoding = 'binary/encrypted';
/** Metadata naming the key a payload was encrypted with. */
export const keyIdMetadata = 'encryption-key-id';

const ProtoPayload = proto.temporal.api.common.v1.Payload;
const ivBytes = 12;
const tagBytes = 16;

export interface CodecKey {
  /** Short name stored in each payload's metadata; letters, digits, '.', '_', '-'. */
  id: string;
  /** 32 random bytes (AES-256). */
  key: Buffer;
}

/** A payload that cannot be decoded: unknown key, altered bytes, malformed. */
export class CodecError extends Error {
  override name = 'CodecError';
}

/**
 * Encrypts every payload that goes to Temporal with AES-256-GCM, so that history holds no
 * secret or personal data in clear (DESIGN: operators and the payload codec).
 *
 * A payload becomes `{ metadata: { encoding: binary/encrypted, encryption-key-id: <id> },
 * data: iv (12 bytes) | ciphertext | tag (16 bytes) }`, the ciphertext being the original
 * payload's protobuf bytes (metadata included), as in Temporal's encryption samples. The first
 * key encrypts; every key decodes, so keys rotate by putting the new one first. Payloads that
 * are not encrypted (history written before the codec) pass through unchanged.
 *
 * Codecs run in the client and the worker's main thread, never in the workflow sandbox.
 */
export class AesGcmPayloadCodec implements PayloadCodec {
  readonly #keys = new Map<string, Buffer>();
  readonly #current: CodecKey;

  constructor(keys: readonly CodecKey[]) {
    const [first] = keys;
    if (!first) throw new Error('The payload codec needs at least one key');
    for (const { id, key } of keys) {
      if (key.length !== 32) throw new Error(`Codec key "${id}" must be 32 bytes`);
      if (this.#keys.has(id)) throw new Error(`Codec key id "${id}" appears twice`);
      this.#keys.set(id, key);
    }
    this.#current = first;
  }

  /** The id of the key new payloads are encrypted with. */
  get encryptingKeyId(): string {
    return this.#current.id;
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.#encrypt(payload));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.#decrypt(payload));
  }

  #encrypt(payload: Payload): Payload {
    const plain = ProtoPayload.encode(payload).finish();
    const iv = randomBytes(ivBytes);
    const cipher = createCipheriv('aes-256-gcm', this.#current.key, iv, {
      authTagLength: tagBytes,
    });
    const data = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    return {
      metadata: {
        [METADATA_ENCODING_KEY]: Buffer.from(encryptedEncoding),
        [keyIdMetadata]: Buffer.from(this.#current.id),
      },
      data,
    };
  }

  #decrypt(payload: Payload): Payload {
    const metadata = payload.metadata ?? {};
    if (text(metadata[METADATA_ENCODING_KEY]) !== encryptedEncoding) return payload;
    const id = text(metadata[keyIdMetadata]);
    if (id === undefined) throw new CodecError(`An encrypted payload has no ${keyIdMetadata}`);
    const key = this.#keys.get(id);
    if (!key) {
      throw new CodecError(
        `A payload is encrypted with key "${id}", which is not configured (known: ${[
          ...this.#keys.keys(),
        ].join(', ')}); add it to SSPR_CODEC_KEYS after the current key`,
      );
    }
    const data = Buffer.from(payload.data ?? new Uint8Array());
    if (data.length < ivBytes + tagBytes) {
      throw new CodecError(`A payload encrypted with key "${id}" is truncated`);
    }
    const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, ivBytes), {
      authTagLength: tagBytes,
    });
    decipher.setAuthTag(data.subarray(data.length - tagBytes));
    let plain: Buffer;
    try {
      plain = Buffer.concat([
        decipher.update(data.subarray(ivBytes, data.length - tagBytes)),
        decipher.final(),
      ]);
    } catch {
      throw new CodecError(
        `A payload encrypted with key "${id}" fails authentication: it was altered, or that id names another key here`,
      );
    }
    const original = ProtoPayload.decode(plain);
    return {
      metadata: original.metadata,
      data: original.data,
      ...(original.externalPayloads.length > 0
        ? { externalPayloads: original.externalPayloads }
        : {}),
    };
  }
}

function text(bytes: Uint8Array | null | undefined): string | undefined {
  return bytes ? Buffer.from(bytes).toString('utf8') : undefined;
}
