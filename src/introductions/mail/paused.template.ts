import type { LocalizedTemplate } from '../../mail/templates/render.js';

export interface PausedData {
  name: string;
  digests: number;
  resumeLink: string;
  unsubscribeLink: string;
}

export const PAUSED: LocalizedTemplate<PausedData> = {
  subject: { nl: 'We sturen je even geen voorstellen meer', en: 'We have paused your suggestions' },
  text: {
    nl: `Hallo {{name}},

Op de laatste {{digests}} e-mails met voorstellen kregen we geen antwoord. Daarom sturen we je voorlopig niets meer.

Wil je weer voorstellen ontvangen? Eén klik: {{resumeLink}}

Helemaal geen e-mails meer? {{unsubscribeLink}}`,
    en: `Hello {{name}},

You did not answer the last {{digests}} emails with suggestions, so we have stopped sending them for now.

Want suggestions again? One click: {{resumeLink}}

No emails at all? {{unsubscribeLink}}`,
  },
  html: {
    nl: `<p>Hallo {{name}},</p>
<p>Op de laatste {{digests}} e-mails met voorstellen kregen we geen antwoord. Daarom sturen we je voorlopig niets meer.</p>
<p><a href="{{resumeLink}}" style="display:inline-block;padding:10px 18px;background:#1f6f50;color:#fff;text-decoration:none;border-radius:4px">Weer voorstellen ontvangen</a></p>
<p style="font-size:12px;color:#666">Helemaal geen e-mails meer? <a href="{{unsubscribeLink}}">Afmelden</a></p>`,
    en: `<p>Hello {{name}},</p>
<p>You did not answer the last {{digests}} emails with suggestions, so we have stopped sending them for now.</p>
<p><a href="{{resumeLink}}" style="display:inline-block;padding:10px 18px;background:#1f6f50;color:#fff;text-decoration:none;border-radius:4px">Send me suggestions again</a></p>
<p style="font-size:12px;color:#666">No emails at all? <a href="{{unsubscribeLink}}">Unsubscribe</a></p>`,
  },
};
