import Handlebars from 'handlebars';
import type { Locale } from '../../common/enums.js';

// T is the data the template expects; it is only checked where the template is rendered.
// eslint-disable-next-line @typescript-eslint/no-unused-vars
export interface LocalizedTemplate<T> {
  subject: Record<Locale, string>;
  text: Record<Locale, string>;
  /** Body of the HTML part; the layout adds the frame. */
  html: Record<Locale, string>;
}

const layout = Handlebars.compile(`<!doctype html>
<html lang="{{locale}}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>{{subject}}</title></head>
<body style="margin:0;padding:0;background:#f4f4f4;font-family:Arial,Helvetica,sans-serif;color:#222">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:24px">
<table role="presentation" width="100%" style="max-width:560px;background:#ffffff;border-radius:6px" cellpadding="24" cellspacing="0"><tr><td>
<p style="margin:0 0 16px;font-size:20px;font-weight:bold;color:#1f6f50">Verbinder</p>
{{{body}}}
</td></tr></table></td></tr></table></body></html>`);

const cache = new WeakMap<object, Record<string, HandlebarsTemplateDelegate>>();

/** Renders subject, plain text and HTML of a template in the recipient's locale (Dutch by default). */
export function render<T extends object>(
  template: LocalizedTemplate<T>,
  locale: string,
  data: T,
): { subject: string; text: string; html: string } {
  const lang: Locale = locale === 'en' ? 'en' : 'nl';
  let compiled = cache.get(template);
  if (!compiled) {
    compiled = {};
    for (const l of ['nl', 'en'] as const) {
      compiled[`subject.${l}`] = Handlebars.compile(template.subject[l], { noEscape: true });
      compiled[`text.${l}`] = Handlebars.compile(template.text[l], { noEscape: true });
      compiled[`html.${l}`] = Handlebars.compile(template.html[l]);
    }
    cache.set(template, compiled);
  }
  const subject = compiled[`subject.${lang}`](data);
  return {
    subject,
    text: compiled[`text.${lang}`](data),
    html: layout({ locale: lang, subject, body: compiled[`html.${lang}`](data) }),
  };
}
