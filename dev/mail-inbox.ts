import { Hono, type MiddlewareHandler } from 'hono';
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { CaughtMessage, MessageStore } from './mail-store';

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** JSON API for tests in other processes, and two plain pages for people. */
export function inboxApp(store: MessageStore): Hono {
  const app = new Hono();

  app.get('/api/messages', (c) => c.json(store.list(c.req.query('to'))));
  app.get('/api/messages/:id', (c) => {
    const message = store.get(c.req.param('id'));
    return message ? c.json(message) : c.json({ error: 'No such message' }, 404);
  });
  app.delete('/api/messages', (c) => {
    store.clear();
    return c.body(null, 204);
  });

  // Mail bodies are untrusted: nothing on these pages may run script or load anything remote.
  app.use('/', secureHeaders);
  app.use('/messages/*', secureHeaders);
  app.get('/', (c) => c.html(listPage(store.list())));
  app.get('/messages/:id', (c) => {
    const message = store.get(c.req.param('id'));
    if (!message) return c.html(page('Not found', html`<p>No such message.</p>`), 404);
    return c.html(messagePage(message));
  });

  return app;
}

const secureHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  c.header(
    'Content-Security-Policy',
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
  );
  c.header('Referrer-Policy', 'no-referrer');
};

function listPage(messages: CaughtMessage[]): Html {
  const rows = messages.map(
    (m) => html`<tr>
      <td>${formatDate(m.date)}</td>
      <td>${m.to.join(', ')}</td>
      <td><a href="/messages/${encodeURIComponent(m.id)}">${m.subject || '(no subject)'}</a></td>
    </tr>`,
  );
  const body =
    messages.length === 0
      ? html`<p>No mail yet. This page refreshes itself.</p>`
      : html`<table>
          <thead><tr><th>Received</th><th>To</th><th>Subject</th></tr></thead>
          <tbody>${rows}</tbody>
        </table>`;
  return page('Mail catcher', body, true);
}

function messagePage(m: CaughtMessage): Html {
  return page(
    m.subject || '(no subject)',
    html`<p><a href="/">&larr; All messages</a></p>
      <table class="headers">
        <tr><th>From</th><td>${m.from}</td></tr>
        <tr><th>To</th><td>${m.to.join(', ')}</td></tr>
        <tr><th>Received</th><td>${formatDate(m.date)}</td></tr>
        <tr><th>Subject</th><td>${m.subject}</td></tr>
      </table>
      <h2>Text</h2>
      <pre>${linkify(m.text)}</pre>
      ${
        m.html === undefined
          ? ''
          : html`<h2>HTML</h2>
            <iframe sandbox srcdoc="${m.html}" title="HTML body"></iframe>`
      }`,
  );
}

/** Links in the text part are clickable, so a person can follow a recovery link from here. */
function linkify(text: string): Html[] {
  return text
    .split(/(https?:\/\/[^\s<>"']+)/)
    .map((part, i) => (i % 2 === 1 ? html`<a href="${part}">${part}</a>` : html`${part}`));
}

function formatDate(iso: string): string {
  return iso.replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

function page(title: string, body: Html, refresh = false): Html {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        ${refresh ? html`<meta http-equiv="refresh" content="5" />` : ''}
        <title>${title}</title>
        <style>
          body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #222; }
          table { border-collapse: collapse; width: 100%; }
          th, td { text-align: left; padding: 0.4rem 0.6rem; border-bottom: 1px solid #ddd; vertical-align: top; }
          .headers th { width: 7rem; }
          pre { white-space: pre-wrap; background: #f6f6f6; padding: 1rem; }
          iframe { width: 100%; height: 32rem; border: 1px solid #ccc; }
        </style>
      </head>
      <body>
        <h1>${title}</h1>
        ${body}
      </body>
    </html>`;
}
