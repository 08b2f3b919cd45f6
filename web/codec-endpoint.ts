import { createHash, timingSafeEqual } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import type { Logger } from '../common/logger';
import { CodecError } from '../common/payload-codec';

export interface CodecEndpointOptions {
  codec: PayloadCodec;
  /** The Temporal namespace whose payloads this codec serves (the X-Namespace header). */
  namespace: string;
  /** Browser origins allowed by CORS: the Temporal Web UI's (http://127.0.0.1:8233 in the demo). */
  allowedOrigins: readonly string[];
  /**
   * When set, every call must send `Authorization: Bearer <token>`. When not, only calls from
   * this machine (loopback, not through a proxy) are answered: the demo's case.
   */
  token?: string;
  log: Logger;
}

const base64 = z.string().regex(/^[A-Za-z0-9+/_-]*={0,2}$/, 'must be base64');
const requestBody = z.object({
  payloads: z
    .array(z.object({ metadata: z.record(z.string(), base64).optional(), data: base64.optional() }))
    .max(10_000),
});
type JsonPayload = z.infer<typeof requestBody>['payloads'][number];

/** Headers a browser may send: the Web UI's, and Authorization for its access token. */
const allowedHeaders = 'Content-Type, X-Namespace, Authorization, Authorization-Extras';

/**
 * Temporal's remote codec protocol (POST /encode and /decode, JSON `{ payloads: [...] }` with
 * base64 bytes), so that an operator's Temporal Web UI or CLI shows decrypted payloads.
 *
 * Who may call it: a browser only from an allowed origin (CORS, and the Origin checked here, so
 * no other site can use an operator's browser); and either the bearer token, or, without one,
 * only a caller on this machine. Answers are never cached. It is JSON from another origin by
 * design, so the pages' CSRF check does not apply; mount it before the pages' middleware.
 */
export function codecEndpoint(options: CodecEndpointOptions) {
  const origins = new Set(options.allowedOrigins);
  const token = options.token ? digest(options.token) : undefined;
  const app = new Hono();

  app.use(async (c, next) => {
    c.header('Cache-Control', 'no-store');
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Vary', 'Origin');
    const origin = c.req.header('origin');
    if (origin !== undefined) {
      if (!origins.has(origin)) return refuse(c, 403, `origin ${origin} is not allowed`);
      c.header('Access-Control-Allow-Origin', origin);
    }
    await next();
  });

  // CORS preflight: browsers send it without credentials, so it is answered for allowed origins
  // only and says nothing else.
  app.options('/:operation{encode|decode}', (c) => {
    if (c.req.header('origin') === undefined) return refuse(c, 403, 'not a CORS preflight');
    c.header('Access-Control-Allow-Methods', 'POST');
    c.header('Access-Control-Allow-Headers', allowedHeaders);
    c.header('Access-Control-Max-Age', '600');
    if (c.req.header('access-control-request-private-network') === 'true') {
      c.header('Access-Control-Allow-Private-Network', 'true');
    }
    return c.body(null, 204);
  });

  app.post(
    '/:operation{encode|decode}',
    bodyLimit({
      maxSize: 8 * 1024 * 1024,
      onError: (c) => refuse(c, 413, 'at most 8 MiB per request'),
    }),
    async (c) => {
      if (token) {
        const sent = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1];
        if (!sent || !timingSafeEqual(digest(sent), token)) {
          c.header('WWW-Authenticate', 'Bearer');
          return refuse(c, 401, 'a valid bearer token is required');
        }
      } else if (!fromThisMachine(c)) {
        return refuse(c, 403, 'without SSPR_CODEC_TOKEN only callers on this machine are served');
      }
      if (!/^application\/json\s*(;|$)/i.test(c.req.header('content-type') ?? '')) {
        return refuse(c, 415, 'the body must be application/json');
      }
      // The Temporal CLI sends an empty X-Namespace; the Web UI the namespace shown.
      const namespace = c.req.header('x-namespace');
      if (namespace && namespace !== options.namespace) {
        return refuse(c, 400, `this codec serves the namespace ${options.namespace} only`);
      }
      const parsed = requestBody.safeParse(await c.req.json().catch(() => undefined));
      if (!parsed.success) {
        return refuse(c, 400, 'the body must be { "payloads": [{ "metadata", "data" }] }');
      }
      const payloads = parsed.data.payloads.map(fromJson);
      const operation = c.req.param('operation');
      try {
        const result =
          operation === 'encode'
            ? await options.codec.encode(payloads)
            : await options.codec.decode(payloads);
        return c.json({ payloads: result.map(toJson) });
      } catch (error) {
        if (error instanceof CodecError) return refuse(c, 400, error.message);
        throw error;
      }
    },
  );

  app.onError((error, c) => {
    options.log.error({ err: error }, 'codec endpoint failed');
    return refuse(c, 500, 'the codec failed');
  });
  return app;
}

function refuse(c: Context, status: 400 | 401 | 403 | 413 | 415 | 500, message: string) {
  return c.json({ error: message }, status);
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/**
 * The TCP peer is this machine and no proxy forwarded the call (a proxy on this machine would
 * make every caller look local, so a forwarded call needs the token).
 */
function fromThisMachine(c: Context): boolean {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  const address = env?.incoming?.socket?.remoteAddress ?? '';
  const loopback =
    address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
  const forwarded = ['forwarded', 'x-forwarded-for', 'x-real-ip'].some(
    (name) => c.req.header(name) !== undefined,
  );
  return loopback && !forwarded;
}

function fromJson(payload: JsonPayload): Payload {
  return {
    metadata: Object.fromEntries(
      Object.entries(payload.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')]),
    ),
    data: Buffer.from(payload.data ?? '', 'base64'),
  };
}

function toJson(payload: Payload) {
  return {
    metadata: Object.fromEntries(
      Object.entries(payload.metadata ?? {}).map(([k, v]) => [
        k,
        Buffer.from(v).toString('base64'),
      ]),
    ),
    data: Buffer.from(payload.data ?? new Uint8Array()).toString('base64'),
  };
}
