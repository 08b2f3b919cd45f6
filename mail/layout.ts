import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { Locale } from '../common/domain/locale';
import { productNameFor } from '../i18n';

/**
 * Every e-mail is sent as HTML and plain text with the same words. The HTML is a plain,
 * table-free single column that mail clients render alike, with inline styles only.
 */
export interface MailBody {
  subject: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  footer: string;
}

export function renderMail(locale: Locale, configuredName: string | undefined, body: MailBody) {
  const productName = productNameFor(configuredName, locale);
  const text = [
    ...body.paragraphs,
    ...(body.action ? [`${body.action.label}:\n${body.action.url}`] : []),
    '--',
    body.footer,
  ].join('\n\n');
  const page = html`<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><title>${body.subject}</title></head>
<body style="margin:0;padding:24px;background:#f4f5f7;font-family:Arial,Helvetica,sans-serif;color:#1f2933">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:28px">
<p style="margin:0 0 20px;font-size:14px;color:#52606d">${productName}</p>
${body.paragraphs.map((p) => html`<p style="margin:0 0 16px;font-size:16px;line-height:1.5">${p}</p>`)}
${body.action ? button(body.action) : ''}
<p style="margin:24px 0 0;font-size:13px;line-height:1.5;color:#52606d">${body.footer}</p>
</div></body></html>`;
  return { subject: body.subject, text, html: (page as HtmlEscapedString).toString() };
}

function button(action: { label: string; url: string }) {
  return html`<p style="margin:24px 0"><a href="${action.url}" style="display:inline-block;background:#1d4ed8;color:#ffffff;text-decoration:none;padding:12px 20px;border-radius:6px;font-size:16px">${action.label}</a></p>
<p style="margin:0 0 16px;font-size:13px;color:#52606d;word-break:break-all">${raw('&#8203;')}${action.url}</p>`;
}
