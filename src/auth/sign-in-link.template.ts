import type { LocalizedTemplate } from '../mail/templates/render.js';

export const SIGN_IN_LINK: LocalizedTemplate<{ name: string; link: string; minutes: number }> = {
  subject: { nl: 'Je aanmeldlink voor Verbinder', en: 'Your Verbinder sign-in link' },
  text: {
    nl: `Hallo {{name}},

Met deze link meld je je aan bij Verbinder. Hij werkt één keer en is {{minutes}} minuten geldig:

{{link}}

Heb je hier niet om gevraagd? Dan kun je deze e-mail negeren.`,
    en: `Hello {{name}},

Use this link to sign in to Verbinder. It works once and is valid for {{minutes}} minutes:

{{link}}

Did not ask for this? Then you can ignore this email.`,
  },
  html: {
    nl: `<p>Hallo {{name}},</p>
<p>Met deze link meld je je aan bij Verbinder. Hij werkt één keer en is {{minutes}} minuten geldig.</p>
<p><a href="{{link}}" style="display:inline-block;padding:10px 18px;background:#1f6f50;color:#fff;text-decoration:none;border-radius:4px">Aanmelden</a></p>
<p style="font-size:12px;color:#666">Werkt de knop niet? Kopieer dan deze link: {{link}}</p>
<p style="font-size:12px;color:#666">Heb je hier niet om gevraagd? Dan kun je deze e-mail negeren.</p>`,
    en: `<p>Hello {{name}},</p>
<p>Use this link to sign in to Verbinder. It works once and is valid for {{minutes}} minutes.</p>
<p><a href="{{link}}" style="display:inline-block;padding:10px 18px;background:#1f6f50;color:#fff;text-decoration:none;border-radius:4px">Sign in</a></p>
<p style="font-size:12px;color:#666">Button not working? Copy this link: {{link}}</p>
<p style="font-size:12px;color:#666">Did not ask for this? Then you can ignore this email.</p>`,
  },
};
