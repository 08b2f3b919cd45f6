import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApplicationFailure, defaultPayloadConverter, type Payload } from '@temporalio/common';
import {
  decodeFailure,
  encodeErrorToFailure,
  loadDataConverter,
} from '@temporalio/common/lib/internal-non-workflow';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../common/config';
import { dataConverterFor } from '../../common/data-converter';
import {
  AesGcmPayloadCodec,
  CodecError,
  type CodecKey,
  encryptedEncoding,
  keyIdMetadata,
} from '../../common/payload-codec';
import { loadSecrets } from '../../common/secrets';
import { configProblems } from '../support/config-problems';

const key = (id: string): CodecKey => ({ id, key: randomBytes(32) });
const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString('utf8');
const secretValue = { username: 'ana.garcia', linkDigest: 'digest-of-the-link' };

async function encodeOne(codec: AesGcmPayloadCodec, payload: Payload): Promise<Payload> {
  const [encoded] = await codec.encode([payload]);
  if (!encoded) throw new Error('nothing encoded');
  return encoded;
}

describe('payload codec (AES-256-GCM, key id in metadata)', () => {
  it('round trip: what it encrypts reads nothing in clear and decodes to the same payload', async () => {
    const codec = new AesGcmPayloadCodec([key('k1')]);
    const plain = defaultPayloadConverter.toPayload(secretValue);
    const encoded = await encodeOne(codec, plain);
    expect(text(encoded.metadata?.encoding)).toBe(encryptedEncoding);
    expect(text(encoded.metadata?.[keyIdMetadata])).toBe('k1');
    expect(Object.keys(encoded.metadata ?? {})).toEqual(['encoding', keyIdMetadata]);
    expect(text(encoded.data)).not.toContain('ana.garcia');
    expect(text(encoded.data)).not.toContain('json/plain');

    const [decoded] = await codec.decode([encoded]);
    expect(text(decoded?.metadata?.encoding)).toBe('json/plain');
    expect(defaultPayloadConverter.fromPayload(decoded as Payload)).toEqual(secretValue);
  });

  it('uses a fresh IV for every payload: the same value never encrypts the same twice', async () => {
    const codec = new AesGcmPayloadCodec([key('k1')]);
    const plain = defaultPayloadConverter.toPayload(secretValue);
    const [a, b] = await codec.encode([plain, plain]);
    expect(Buffer.from(a?.data ?? []).equals(Buffer.from(b?.data ?? []))).toBe(false);
    expect(Buffer.from(a?.data ?? []).subarray(0, 12)).not.toEqual(
      Buffer.from(b?.data ?? []).subarray(0, 12),
    );
  });

  it('detects tampering with the IV, the ciphertext or the tag, and truncation', async () => {
    const codec = new AesGcmPayloadCodec([key('k1')]);
    const encoded = await encodeOne(codec, defaultPayloadConverter.toPayload(secretValue));
    const data = Buffer.from(encoded.data ?? []);
    for (const at of [0, 12, 20, data.length - 1]) {
      const altered = Buffer.from(data);
      altered[at] = (altered[at] as number) ^ 1;
      await expect(codec.decode([{ ...encoded, data: altered }])).rejects.toThrow(
        /key "k1" fails authentication/,
      );
    }
    await expect(codec.decode([{ ...encoded, data: data.subarray(0, 20) }])).rejects.toThrow(
      /truncated/,
    );
    await expect(codec.decode([{ ...encoded, data: data.subarray(0, 20) }])).rejects.toBeInstanceOf(
      CodecError,
    );
  });

  it('a payload relabelled with another known key id fails authentication', async () => {
    const codec = new AesGcmPayloadCodec([key('k1'), key('k2')]);
    const encoded = await encodeOne(codec, defaultPayloadConverter.toPayload(secretValue));
    const relabelled = {
      ...encoded,
      metadata: { ...encoded.metadata, [keyIdMetadata]: Buffer.from('k2') },
    };
    await expect(codec.decode([relabelled])).rejects.toThrow(/key "k2" fails authentication/);
  });

  it('rotation: the new key (first) encrypts, the old key still decodes', async () => {
    const old = key('2024');
    const fresh = key('2025');
    const before = await encodeOne(
      new AesGcmPayloadCodec([old]),
      defaultPayloadConverter.toPayload(secretValue),
    );
    const rotated = new AesGcmPayloadCodec([fresh, old]);
    expect(rotated.encryptingKeyId).toBe('2025');
    const [decoded] = await rotated.decode([before]);
    expect(defaultPayloadConverter.fromPayload(decoded as Payload)).toEqual(secretValue);
    const after = await encodeOne(rotated, defaultPayloadConverter.toPayload(secretValue));
    expect(text(after.metadata?.[keyIdMetadata])).toBe('2025');
    // And a process that only has the new key decodes only what the new key encrypted.
    const newOnly = new AesGcmPayloadCodec([fresh]);
    await expect(newOnly.decode([after])).resolves.toHaveLength(1);
    await expect(newOnly.decode([before])).rejects.toThrow(
      'A payload is encrypted with key "2024", which is not configured (known: 2025); add it to SSPR_CODEC_KEYS after the current key',
    );
  });

  it('passes payloads that are not encrypted through untouched (history from before)', async () => {
    const codec = new AesGcmPayloadCodec([key('k1')]);
    const plain = defaultPayloadConverter.toPayload(secretValue);
    const binary = defaultPayloadConverter.toPayload(new Uint8Array([1, 2, 3]));
    const empty: Payload = {};
    const decoded = await codec.decode([plain, binary, empty]);
    expect(decoded[0]).toBe(plain);
    expect(decoded[1]).toBe(binary);
    expect(decoded[2]).toBe(empty);
  });

  it('refuses bad keys: none, wrong length, the same id twice', () => {
    expect(() => new AesGcmPayloadCodec([])).toThrow(/at least one key/);
    expect(() => new AesGcmPayloadCodec([{ id: 'a', key: randomBytes(16) }])).toThrow(/32 bytes/);
    expect(() => new AesGcmPayloadCodec([key('a'), key('a')])).toThrow(/twice/);
  });
});

describe('data converter', () => {
  it('encodes failure messages and stack traces, so the codec encrypts them too', async () => {
    const keys = [key('k1')];
    const converter = loadDataConverter(dataConverterFor(keys));
    const failure = await encodeErrorToFailure(
      converter,
      ApplicationFailure.nonRetryable('no such user ana.garcia'),
    );
    expect(failure.message).toBe('Encoded failure');
    expect(JSON.stringify(failure)).not.toContain('ana.garcia');
    expect(text(failure.encodedAttributes?.metadata?.encoding)).toBe(encryptedEncoding);

    const decoded = await decodeFailure(converter.payloadCodecs, failure);
    const error = converter.failureConverter.failureToError(decoded, converter.payloadConverter);
    expect(error.message).toBe('no such user ana.garcia');
  });
});

describe('codec keys: configuration and secrets.json', () => {
  const base64Key = () => randomBytes(32).toString('base64');

  it('SSPR_CODEC_KEYS: id:base64key list, the first encrypts', () => {
    const [a, b] = [base64Key(), base64Key()];
    const config = loadConfig({ SSPR_CODEC_KEYS: `2025:${a}, 2024:${b}` });
    expect(config.codecKeys).toEqual([
      { id: '2025', key: a },
      { id: '2024', key: b },
    ]);
    const secrets = loadSecrets({ ...config, linkKey: base64Key() });
    expect(secrets.codecKeys.map((k) => k.id)).toEqual(['2025', '2024']);
    expect(secrets.codecKeys[0]?.key).toEqual(Buffer.from(a, 'base64'));
  });

  it('SSPR_CODEC_KEYS: bad values are named clearly, and the key is never echoed', () => {
    const short = randomBytes(16).toString('base64');
    const cases: Array<[string, RegExp]> = [
      [short, /entry 1 has no ':'/],
      [`k1:${short}`, /the key of entry 1 \("k1"\) must be 32 random bytes in base64/],
      [`bad id:${base64Key()}`, /the id of entry 1 must be 1 to 64 letters/],
      [`k1:${base64Key()},k1:${base64Key()}`, /the id "k1" appears twice/],
    ];
    for (const [value, message] of cases) {
      const problems = configProblems({ SSPR_CODEC_KEYS: value });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(
        /^SSPR_CODEC_KEYS: must be a comma-separated list of id:base64key/,
      );
      expect(problems[0]).toMatch(message);
      expect(problems[0]).not.toContain(short);
    }
  });

  it('the codec endpoint is off unless origins or a token are configured', () => {
    expect(loadConfig({}).codecEndpoint).toBeUndefined();
    expect(
      loadConfig({ SSPR_CODEC_ENDPOINT_ORIGINS: 'http://127.0.0.1:8233, http://localhost:8233/' })
        .codecEndpoint,
    ).toEqual({ allowedOrigins: ['http://127.0.0.1:8233', 'http://localhost:8233'] });
    const token = randomBytes(32).toString('base64url');
    expect(loadConfig({ SSPR_CODEC_TOKEN: token }).codecEndpoint).toEqual({
      allowedOrigins: [],
      token,
    });
    expect(configProblems({ SSPR_CODEC_ENDPOINT_ORIGINS: '*' })[0]).toMatch(
      /^SSPR_CODEC_ENDPOINT_ORIGINS: must be a comma-separated list of origins/,
    );
    expect(configProblems({ SSPR_CODEC_ENDPOINT_ORIGINS: 'https://ui.example/path' })).toHaveLength(
      1,
    );
    expect(configProblems({ SSPR_CODEC_TOKEN: 'short' })).toEqual([
      'SSPR_CODEC_TOKEN: must be at least 32 characters without spaces (a long random string)',
    ]);
  });

  it('not configured: generated once into secrets.json (0600) with the link key', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sspr-secrets-'));
    const config = loadConfig({ SSPR_DATA_DIR: dataDir });
    const first = loadSecrets(config);
    expect(first.codecKeys).toHaveLength(1);
    expect(first.codecKeys[0]?.id).toMatch(/^local-[0-9a-f]{8}$/);
    expect(first.codecKeys[0]?.key).toHaveLength(32);
    expect(loadSecrets(config)).toEqual(first);
    const file = join(dataDir, 'secrets.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      linkKey: first.linkKey.toString('base64'),
      codecKeys: [{ id: first.codecKeys[0]?.id, key: first.codecKeys[0]?.key.toString('base64') }],
      secretsKeys: [
        { id: first.secretsKeys[0]?.id, key: first.secretsKeys[0]?.key.toString('base64') },
      ],
    });
  });

  it('an older secrets.json gets a codec key added, keeping its link key', () => {
    const linkKey = base64Key();
    const upgrade = () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'sspr-secrets-'));
      writeFileSync(join(dataDir, 'secrets.json'), JSON.stringify({ linkKey }), { mode: 0o600 });
      const secrets = loadSecrets(loadConfig({ SSPR_DATA_DIR: dataDir }));
      return { dataDir, secrets };
    };
    const { dataDir, secrets } = upgrade();
    expect(secrets.linkKey.toString('base64')).toBe(linkKey);
    expect(secrets.codecKeys).toHaveLength(1);
    const file = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8'));
    expect(file.linkKey).toBe(linkKey);
    expect(file.codecKeys).toEqual([
      { id: secrets.codecKeys[0]?.id, key: secrets.codecKeys[0]?.key.toString('base64') },
    ]);
    expect(statSync(join(dataDir, 'secrets.json')).mode & 0o777).toBe(0o600);
    // Read again: the same keys. Upgraded elsewhere from the same file (web and worker at the
    // same moment): the same key, so the two processes agree without a lock.
    expect(loadSecrets(loadConfig({ SSPR_DATA_DIR: dataDir }))).toEqual(secrets);
    expect(upgrade().secrets).toEqual(secrets);
  });

  it('configured keys win; a damaged secrets.json is reported clearly', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sspr-secrets-'));
    writeFileSync(join(dataDir, 'secrets.json'), '{"linkKey": 3}');
    expect(() => loadSecrets(loadConfig({ SSPR_DATA_DIR: dataDir }))).toThrow(
      /secrets\.json is damaged/,
    );
    const configured = loadConfig({
      SSPR_DATA_DIR: dataDir,
      SSPR_LINK_KEY: base64Key(),
      SSPR_CODEC_KEYS: `prod-1:${base64Key()}`,
    });
    expect(loadSecrets(configured).codecKeys.map((k) => k.id)).toEqual(['prod-1']);
  });
});
