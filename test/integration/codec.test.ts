import type { WorkflowHandle } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recoveryWorkflowId } from '../../common/domain/workflow-ids';
import { encryptedEncoding, keyIdMetadata } from '../../common/payload-codec';
import { tokenDigest } from '../../common/tokens';
import { browser } from '../../dev/form-browser';
import { createUser } from '../../dev/ldap-users';
import type { Slapd } from '../../dev/slapd';
import { decodeHistory, payloadsIn } from '../support/history-payloads';
import { historyText } from '../support/history-text';
import { type Stack, startStack, uniqueUid } from '../support/stack';

/** The Temporal Web UI of the demo: the one origin the codec endpoint answers here. */
const uiOrigin = 'http://127.0.0.1:8233';
/** What @hono/node-server passes for a call from this machine (the codec checks the peer). */
const fromLoopback = { incoming: { socket: { remoteAddress: '127.0.0.1' } } };

let stack: Stack;
let uid: string;
let history: Awaited<ReturnType<WorkflowHandle['fetchHistory']>>;
let token: string;

beforeAll(async () => {
  stack = await startStack({ codecEndpoint: { allowedOrigins: [uiOrigin] } });
  // One recovery, up to the e-mailed link: its history has the username and the link's HMAC.
  uid = uniqueUid('codec');
  const mail = `${uid}@example.org`;
  await createUser(stack.directory as Slapd, {
    uid,
    givenName: 'Ana',
    sn: 'García',
    mail,
    password: 'Initial-Secret-1',
  });
  const b = browser(stack.app);
  await b.get('/');
  await b.post('/', { username: uid });
  const message = await stack.mail.waitFor(mail);
  token = /\/link\/([A-Za-z0-9_-]{43})/.exec(message.text)?.[1] as string;
  history = await stack.client.workflow.getHandle(recoveryWorkflowId(uid)).fetchHistory();
});
afterAll(async () => {
  await stack?.client.workflow
    .getHandle(recoveryWorkflowId(uid))
    .terminate('test done')
    .catch(() => {});
  await stack?.stop();
});

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

function codecCall(path: string, init: { origin?: string; body?: unknown; method?: string }) {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-namespace': 'default',
  };
  if (init.origin) headers.origin = init.origin;
  return stack.app.request(
    path,
    {
      method: init.method ?? 'POST',
      headers,
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    },
    fromLoopback,
  );
}

/**
 * What Temporal's core writes in clear into a marker: a patch's id, a local activity's type,
 * attempt and times. A local activity's result is ours, and encrypted like every payload.
 */
function temporalsOwnMarkerData(path: string[]): boolean {
  const at = path.indexOf('markerRecordedEventAttributes');
  return at >= 0 && ['patch-data', 'data'].includes(path[at + 2] ?? '');
}

describe('history holds no secrets in clear (R21)', () => {
  it('every payload but the search attributes is binary/encrypted, and no username is readable', () => {
    const payloads = payloadsIn(history).filter(
      ({ path }) => !path.includes('searchAttributes') && !temporalsOwnMarkerData(path),
    );
    expect(payloads.length).toBeGreaterThan(3);
    for (const { path, payload } of payloads) {
      const encoding = Buffer.from(payload.metadata?.encoding ?? []).toString();
      expect(encoding, path.join('.')).toBe(encryptedEncoding);
      expect(Buffer.from(payload.metadata?.[keyIdMetadata] ?? []).toString()).toMatch(/^test-/);
      expect(Buffer.from(payload.data ?? []).toString('latin1')).not.toContain(uid);
    }
    // The raw scan sees the username only where operators search by it: the search attribute
    // (and the workflow id), never in a payload; the link's HMAC not at all.
    const raw = historyText(history);
    expect(raw).not.toContain(tokenDigest(stack.linkKey, 'link', token));
    const clearPayloads = historyText(
      payloadsIn(history).filter(({ path }) => !path.includes('searchAttributes')),
    );
    expect(clearPayloads).not.toContain(uid);
  });

  it('with the codec, the same history reads in full (and still has no token)', async () => {
    const decodedHistory = await decodeHistory(history, stack.codec);
    const decoded = historyText(decodedHistory);
    const payloads = payloadsIn(decodedHistory).filter(
      ({ path }) => !path.includes('searchAttributes'),
    );
    expect(historyText(payloads)).toContain(uid);
    expect(decoded).toContain(tokenDigest(stack.linkKey, 'link', token));
    expect(decoded).not.toContain(token);
  });
});

describe('codec endpoint for the Temporal Web UI', () => {
  const started = () => {
    const input = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads;
    if (!input?.[0]) throw new Error('no workflow input in history');
    return input[0];
  };

  it('decodes a payload from history back to its JSON, for the allowed origin', async () => {
    const response = await codecCall('/codec/decode', {
      origin: uiOrigin,
      body: { payloads: [toJson(started())] },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(uiOrigin);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as {
      payloads: Array<{ metadata: Record<string, string>; data: string }>;
    };
    const [payload] = body.payloads;
    expect(Buffer.from(payload?.metadata.encoding ?? '', 'base64').toString()).toBe('json/plain');
    const value = JSON.parse(Buffer.from(payload?.data ?? '', 'base64').toString()) as {
      username: string;
    };
    expect(value.username).toBe(uid);
  });

  it('encodes for the UI too (a signal typed in the UI), and what it encodes decodes', async () => {
    const plain = {
      metadata: { encoding: Buffer.from('json/plain').toString('base64') },
      data: Buffer.from('{"hello":"world"}').toString('base64'),
    };
    const encoded = await codecCall('/codec/encode', {
      origin: uiOrigin,
      body: { payloads: [plain] },
    });
    const { payloads } = (await encoded.json()) as { payloads: unknown[] };
    const decoded = await codecCall('/codec/decode', { origin: uiOrigin, body: { payloads } });
    expect(await decoded.json()).toEqual({ payloads: [plain] });
  });

  it('refuses another origin, with no CORS header to read the answer by', async () => {
    const response = await codecCall('/codec/decode', {
      origin: 'https://evil.example',
      body: { payloads: [toJson(started())] },
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(await response.text()).not.toContain(uid);
  });

  it('answers the preflight of the allowed origin only', async () => {
    const preflight = (origin: string) =>
      stack.app.request('/codec/decode', {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,x-namespace',
        },
      });
    const allowed = await preflight(uiOrigin);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(uiOrigin);
    expect(allowed.headers.get('access-control-allow-methods')).toBe('POST');
    expect(allowed.headers.get('access-control-allow-headers')?.toLowerCase()).toContain(
      'x-namespace',
    );
    expect(allowed.headers.get('vary')).toContain('Origin');

    const refused = await preflight('https://evil.example');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('is not part of the user pages: no CSRF cookie, no language cookie', async () => {
    const response = await codecCall('/codec/decode', {
      origin: uiOrigin,
      body: { payloads: [] },
    });
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie()).toEqual([]);
  });
});
