import type { LocalizedTemplate } from '../../mail/templates/render.js';

export interface DigestSuggestion {
  counterpartName: string;
  /** "Beleidsadviseur · Gemeente Vlissingen · Vlissingen", whatever of it is known. */
  summary: string;
  /** INITIATIVE suggestions: the initiative's title; null for a PEER one. */
  initiativeTitle: string | null;
  /** True when the recipient is the professional an initiative needs (not its initiator). */
  youAreNeeded: boolean;
  reasons: string[];
  acceptLink: string;
  declineLink: string;
}

export interface DigestData {
  name: string;
  count: number;
  plural: boolean;
  expiresInDays: number;
  suggestions: DigestSuggestion[];
  unsubscribeLink: string;
}

const button = (color: string) => `display:inline-block;padding:8px 14px;margin-right:8px;background:${color};color:#fff;text-decoration:none;border-radius:4px`;

export const DIGEST: LocalizedTemplate<DigestData> = {
  subject: {
    nl: '{{count}} {{#if plural}}nieuwe kennismakingen{{else}}nieuwe kennismaking{{/if}} voor jou op Verbinder',
    en: '{{count}} new {{#if plural}}introductions{{else}}introduction{{/if}} for you on Verbinder',
  },
  text: {
    nl: `Hallo {{name}},

Deze mensen kunnen je verder helpen, of jij hen. Zeggen jullie allebei ja, dan stellen we jullie aan elkaar voor met naam en e-mailadres. Zeg je nee, dan hoort de ander niet dat jij het was.
{{#each suggestions}}

— {{counterpartName}}{{#if summary}} ({{summary}}){{/if}}
{{#if initiativeTitle}}{{#if youAreNeeded}}Het initiatief "{{initiativeTitle}}" zoekt iemand zoals jij.{{else}}Kan helpen bij jullie initiatief "{{initiativeTitle}}".{{/if}}
{{/if}}{{#each reasons}}  • {{this}}
{{/each}}  Ja, graag: {{acceptLink}}
  Nee, dank je: {{declineLink}}
{{/each}}

De voorstellen vervallen na {{expiresInDays}} dagen.

Geen e-mails meer? {{unsubscribeLink}}`,
    en: `Hello {{name}},

These people could help you, or you them. If you both say yes, we introduce you to each other with name and email address. If you say no, the other person never learns it was you.
{{#each suggestions}}

— {{counterpartName}}{{#if summary}} ({{summary}}){{/if}}
{{#if initiativeTitle}}{{#if youAreNeeded}}The initiative "{{initiativeTitle}}" is looking for someone like you.{{else}}Could help your initiative "{{initiativeTitle}}".{{/if}}
{{/if}}{{#each reasons}}  • {{this}}
{{/each}}  Yes, please: {{acceptLink}}
  No, thanks: {{declineLink}}
{{/each}}

Suggestions expire after {{expiresInDays}} days.

No more emails? {{unsubscribeLink}}`,
  },
  html: {
    nl: `<p>Hallo {{name}},</p>
<p>Deze mensen kunnen je verder helpen, of jij hen. Zeggen jullie allebei ja, dan stellen we jullie aan elkaar voor met naam en e-mailadres. Zeg je nee, dan hoort de ander niet dat jij het was.</p>
{{#each suggestions}}
<table role="presentation" width="100%" cellpadding="12" cellspacing="0" style="border:1px solid #ddd;border-radius:4px;margin:0 0 12px"><tr><td>
<p style="margin:0;font-weight:bold">{{counterpartName}}</p>
{{#if summary}}<p style="margin:0 0 8px;color:#555">{{summary}}</p>{{/if}}
{{#if initiativeTitle}}<p style="margin:0 0 8px">{{#if youAreNeeded}}Het initiatief <b>{{initiativeTitle}}</b> zoekt iemand zoals jij.{{else}}Kan helpen bij jullie initiatief <b>{{initiativeTitle}}</b>.{{/if}}</p>{{/if}}
<ul style="margin:0 0 12px;padding-left:20px">{{#each reasons}}<li>{{this}}</li>{{/each}}</ul>
<a href="{{acceptLink}}" style="${button('#1f6f50')}">Ja, graag</a><a href="{{declineLink}}" style="${button('#777')}">Nee, dank je</a>
</td></tr></table>
{{/each}}
<p style="font-size:12px;color:#666">De voorstellen vervallen na {{expiresInDays}} dagen. Geen e-mails meer? <a href="{{unsubscribeLink}}">Afmelden</a></p>`,
    en: `<p>Hello {{name}},</p>
<p>These people could help you, or you them. If you both say yes, we introduce you to each other with name and email address. If you say no, the other person never learns it was you.</p>
{{#each suggestions}}
<table role="presentation" width="100%" cellpadding="12" cellspacing="0" style="border:1px solid #ddd;border-radius:4px;margin:0 0 12px"><tr><td>
<p style="margin:0;font-weight:bold">{{counterpartName}}</p>
{{#if summary}}<p style="margin:0 0 8px;color:#555">{{summary}}</p>{{/if}}
{{#if initiativeTitle}}<p style="margin:0 0 8px">{{#if youAreNeeded}}The initiative <b>{{initiativeTitle}}</b> is looking for someone like you.{{else}}Could help your initiative <b>{{initiativeTitle}}</b>.{{/if}}</p>{{/if}}
<ul style="margin:0 0 12px;padding-left:20px">{{#each reasons}}<li>{{this}}</li>{{/each}}</ul>
<a href="{{acceptLink}}" style="${button('#1f6f50')}">Yes, please</a><a href="{{declineLink}}" style="${button('#777')}">No, thanks</a>
</td></tr></table>
{{/each}}
<p style="font-size:12px;color:#666">Suggestions expire after {{expiresInDays}} days. No more emails? <a href="{{unsubscribeLink}}">Unsubscribe</a></p>`,
  },
};
