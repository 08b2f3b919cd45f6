import type { Child } from 'hono/jsx';
import type { Locale } from '../../common/domain/locale';
import type { Messages } from '../../i18n';

export interface PageContext {
  locale: Locale;
  t: Messages;
  productName: string;
  /** The path to reload in the other language (query string dropped: it may be a form's). */
  path: string;
  /** Fingerprinted URLs of the static assets (web/assets.ts). */
  assets: {
    css: string;
    htmx: string;
    app: string;
    icon: string;
    brandCss?: string;
    logo?: string;
  };
}

/**
 * htmx boosts every link and form: <main> is swapped in place, so the page stays put and
 * focus can move to what changed (web/static/app.js). Attributes spelled for htmx 4, where
 * inheritance is explicit.
 */
const boost = {
  'hx-boost:inherited': 'true',
  'hx-target:inherited': '#main',
  'hx-select:inherited': '#main',
  'hx-swap:inherited': 'outerHTML',
  // The language switch is outside <main> and names the page it reloads: it is swapped too.
  'hx-select-oob:inherited': '#language-switch',
};

/** The frame of every user page: landmarks, language switch, one <main> to skip to. */
export function Layout(props: {
  page: PageContext;
  title: string;
  /** Reload the page after this many seconds (a step the server is still working on). */
  refreshSeconds?: number;
  children: Child;
}) {
  const { page } = props;
  const other: Locale = page.locale === 'es' ? 'en' : 'es';
  return (
    <html lang={page.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · ${page.productName}`}</title>
        {props.refreshSeconds ? (
          <meta http-equiv="refresh" content={String(props.refreshSeconds)} />
        ) : null}
        <link rel="stylesheet" href={page.assets.css} />
        {page.assets.brandCss ? <link rel="stylesheet" href={page.assets.brandCss} /> : null}
        <link rel="icon" href={page.assets.icon} type="image/svg+xml" />
        {/*
          The Content-Security-Policy allows no inline style: htmx must not add its indicator
          <style>, nor copy style attributes while settling (no settle step at all).
        */}
        <meta name="htmx-config" content='{"includeIndicatorCSS":false,"defaultSettleDelay":0}' />
        <script src={page.assets.htmx} defer />
        <script src={page.assets.app} defer />
      </head>
      <body {...boost} data-network-error={page.t.errors.offline}>
        <a class="skip" href="#main">
          {page.t.skipToContent}
        </a>
        <header class="top">
          <span class="product">
            {/* Decorative: the product's name stands next to it. */}
            {page.assets.logo ? <img class="logo" src={page.assets.logo} alt="" /> : null}
            {page.productName}
          </span>
          <a
            id="language-switch"
            class="lang"
            // The same page in the other language: a query alone, so never another site.
            href={`?lang=${other}`}
            hreflang={other}
            lang={other}
            hx-boost="false"
          >
            {page.t.switchLanguage}
          </a>
        </header>
        <main id="main" tabindex={-1}>
          <h1 tabindex={-1}>{props.title}</h1>
          {props.children}
          {props.refreshSeconds ? (
            // With htmx the page swaps itself; without, the <meta> refresh above reloads it.
            <div
              hx-get={page.path}
              hx-trigger={`load delay:${props.refreshSeconds}s`}
              hx-target="#main"
              hx-select="#main"
              hx-swap="outerHTML"
            />
          ) : null}
        </main>
        <div id="announcer" class="visually-hidden" aria-live="polite" />
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
