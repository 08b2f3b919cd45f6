import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Client } from '@temporalio/client';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../common/logger';
import { AesGcmPayloadCodec } from '../../common/payload-codec';
import { SecretBox } from '../../common/secret-box';
import type { Db } from '../../db/database';
import type { Directory } from '../../directory/directory';
import { createApp } from '../../web/app';
import { type CodecEndpointOptions, codecEndpoint } from '../../web/codec-endpoint';

const origin = 'http://127.0.0.1:8233';
const codec = new AesGcmPayloadCodec([{ id: 'k1', key: randomBytes(32) }]);
const log = createLogger('web', 'silent');
const local = { incoming: { socket: { remoteAddress: '127.0.0.1' } } };
const remote = { incoming: { socket: { remoteAddress: '203.0.113.7' } } };

function endpoint(options: Partial<CodecEndpointOptions> = {}) {
  return codecEndpoint({ codec, namespace: 'default', allowedOrigins: [origin], log, ...options });
}

function json(payload: Payload) {
  return {
    metadata: Object.fromEntries(
      Object.entries(payload.metadata ?? {}).map(([k, v]) => [
        k,
        Buffer.from(v).toString('base64'),
      ]),
    ),
    data: Buffer.from(payload.data ?? []).toString('base64'),
  };
}

async function encryptedBody() {
  const encoded = await codec.encode([defaultPayloadConverter.toPayload({ username: 'ana' })]);
  return { payloads: encoded.map(json) };
}

function post(
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): [string, RequestInit] {
  return [
    path,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-namespace': 'default', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    },
  ];
}

describe('codec endpoint authorisation', () => {
  it('without a token: answers a caller on this machine, from the allowed origin or none', async () => {
    const app = endpoint();
    const body = await encryptedBody();
    const fromUi = await app.request(...post('/decode', body, { origin }), local);
    expect(fromUi.status).toBe(200);
    expect(JSON.stringify(await fromUi.json())).toContain(
      Buffer.from('{"username":"ana"}').toString('base64'),
    );
    // The Temporal CLI sends no Origin and an empty X-Namespace.
    const fromCli = await app.request(...post('/decode', body, { 'x-namespace': '' }), local);
    expect(fromCli.status).toBe(200);
  });

  it('without a token: refuses another machine, a proxied call, and an unknown peer', async () => {
    const app = endpoint();
    const body = await encryptedBody();
    expect((await app.request(...post('/decode', body, { origin }), remote)).status).toBe(403);
    const proxied = await app.request(
      ...post('/decode', body, { origin, 'x-forwarded-for': '203.0.113.7' }),
      local,
    );
    expect(proxied.status).toBe(403);
    expect(await proxied.json()).toEqual({
      error: 'without SSPR_CODEC_TOKEN only callers on this machine are served',
    });
    expect((await app.request(...post('/decode', body))).status).toBe(403);
  });

  it('reads the peer from a real socket (@hono/node-server)', async () => {
    const app = endpoint();
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const [, init] = post('/decode', await encryptedBody(), { origin });
      const response = await fetch(`http://127.0.0.1:${port}/decode`, init);
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe(origin);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('with a token: any machine with the right bearer token, nobody without it', async () => {
    const token = randomBytes(32).toString('base64url');
    const app = endpoint({ token });
    const body = await encryptedBody();
    const none = await app.request(...post('/decode', body), local);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    const wrong = await app.request(
      ...post('/decode', body, { authorization: `Bearer ${token}x` }),
      local,
    );
    expect(wrong.status).toBe(401);
    const right = await app.request(
      ...post('/decode', body, { authorization: `Bearer ${token}` }),
      remote,
    );
    expect(right.status).toBe(200);
    // The token does not let another site's page in.
    const otherSite = await app.request(
      ...post('/decode', body, {
        authorization: `Bearer ${token}`,
        origin: 'https://evil.example',
      }),
      remote,
    );
    expect(otherSite.status).toBe(403);
  });
});

describe('codec endpoint protocol', () => {
  it('encode then decode returns the payloads; answers are never cached', async () => {
    const app = endpoint();
    const plain = json(defaultPayloadConverter.toPayload({ hello: 'world' }));
    const encoded = await app.request(...post('/encode', { payloads: [plain] }), local);
    expect(encoded.headers.get('cache-control')).toBe('no-store');
    const { payloads } = (await encoded.json()) as { payloads: Array<{ metadata: object }> };
    expect(Object.keys(payloads[0]?.metadata ?? {})).toEqual(['encoding', 'encryption-key-id']);
    const decoded = await app.request(...post('/decode', { payloads }), local);
    expect(await decoded.json()).toEqual({ payloads: [plain] });
  });

  it('says clearly what is wrong with a request', async () => {
    const app = endpoint();
    const body = await encryptedBody();
    const cases: Array<[[string, RequestInit], number, string]> = [
      [post('/decode', body, { 'content-type': 'text/plain' }), 415, 'application/json'],
      [post('/decode', body, { 'x-namespace': 'other' }), 400, 'namespace default only'],
      [post('/decode', '{"payloads": 3}'), 400, '"payloads"'],
      [post('/decode', 'not json'), 400, '"payloads"'],
      [post('/decode', { payloads: [{ data: 'not base64!' }] }), 400, '"payloads"'],
    ];
    for (const [request, status, message] of cases) {
      const response = await app.request(...request, local);
      expect(response.status).toBe(status);
      expect(((await response.json()) as { error: string }).error).toContain(message);
    }
    const unknownKey = await endpoint({
      codec: new AesGcmPayloadCodec([{ id: 'other', key: randomBytes(32) }]),
    }).request(...post('/decode', body), local);
    expect(unknownKey.status).toBe(400);
    expect(await unknownKey.json()).toEqual({
      error:
        'A payload is encrypted with key "k1", which is not configured (known: other); add it to SSPR_CODEC_KEYS after the current key',
    });
  });

  it('preflight asks for the private network when the UI is public (Temporal Cloud)', async () => {
    const response = await endpoint().request('/decode', {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-private-network': 'true',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-private-network')).toBe('true');
  });
});

describe('the web app', () => {
  const deps = {
    client: {} as Client,
    db: {} as Db,
    directory: {} as Directory,
    secretBox: new SecretBox([{ id: 'k', key: randomBytes(32) }]),
    mailFrom: 'no-reply@example.org',
    linkKey: randomBytes(32),
    taskQueue: 'q',
    publicUrl: 'http://127.0.0.1:3000',
    productName: 'Test',
    log,
    rateLimits: { store: new SQLite(':memory:') },
  };

  it('serves no codec endpoint unless configured', async () => {
    const app = createApp(deps);
    const response = await app.request(
      ...post('/codec/decode', await encryptedBody(), { origin }),
      local,
    );
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(await response.text()).not.toContain(Buffer.from('ana').toString('base64'));
  });

  it('mounts it under /codec, before the pages (no CSRF, no cookies)', async () => {
    const app = createApp({
      ...deps,
      codecEndpoint: { codec, namespace: 'default', allowedOrigins: [origin] },
    });
    const response = await app.request(
      ...post('/codec/decode', await encryptedBody(), { origin }),
      local,
    );
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie()).toEqual([]);
    const page = await app.request('/healthz');
    expect(page.status).toBe(200);
  });
});
