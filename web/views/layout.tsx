import type { Child } from 'hono/jsx';
import type { Locale } from '../../workflows/messages';
import type { Messages } from '../i18n';

export interface PageContext {
  locale: Locale;
  t: Messages;
  productName: string;
  /** The path to reload in the other language (query string dropped: it may be a form's). */
  path: string;
  stylesheet: string;
}

/** The frame of every user page: landmarks, language switch, one <main> to skip to. */
export function Layout(props: { page: PageContext; title: string; children: Child }) {
  const { page } = props;
  const other: Locale = page.locale === 'es' ? 'en' : 'es';
  return (
    <html lang={page.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · ${page.productName}`}</title>
        <link rel="stylesheet" href={page.stylesheet} />
      </head>
      <body>
        <a class="skip" href="#main">
          {page.t.skipToContent}
        </a>
        <header class="top">
          <span class="product">{page.productName}</span>
          <a class="lang" href={`${page.path}?lang=${other}`} hreflang={other} lang={other}>
            {page.t.switchLanguage}
          </a>
        </header>
        <main id="main" tabindex={-1}>
          <h1>{props.title}</h1>
          {props.children}
        </main>
      </body>
    </html>
  );
}

/** A message that screen readers announce when it appears. */
export function Notice(props: { kind: 'info' | 'error' | 'success'; children: Child }) {
  return (
    <div class={`notice notice-${props.kind}`} role={props.kind === 'error' ? 'alert' : 'status'}>
      {props.children}
    </div>
  );
}
