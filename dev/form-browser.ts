import type { Hono } from 'hono';

/**
 * A minimal browser for the in-process app: keeps cookies, follows nothing by itself, and
 * fills the CSRF field from the page it last loaded, as a real form would.
 */
export function browser(app: Pick<Hono, 'request'>, options: { language?: string } = {}) {
  const cookies = new Map<string, string>();
  let lastCsrf = '';

  async function request(path: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers);
    headers.set('accept-language', options.language ?? 'es');
    if (cookies.size > 0) {
      headers.set('cookie', [...cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    }
    const response = await app.request(path, { ...init, headers });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    const body = await response.text();
    lastCsrf = /name="csrf" value="([^"]+)"/.exec(body)?.[1] ?? lastCsrf;
    return { status: response.status, headers: response.headers, body };
  }

  return {
    cookies,
    get: (path: string, headers: Record<string, string> = {}) => request(path, { headers }),
    post(
      path: string,
      fields: Record<string, string | string[]>,
      headers: Record<string, string> = {},
    ) {
      // Repeated fields (several selects of one name) are sent once per value, as forms do.
      const form = new URLSearchParams({ csrf: lastCsrf });
      for (const [name, value] of Object.entries(fields)) {
        for (const one of Array.isArray(value) ? value : [value]) form.append(name, one);
      }
      return request(path, {
        method: 'POST',
        body: form,
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      });
    },
  };
}

export type Browser = ReturnType<typeof browser>;
