import type { LocalizedTemplate } from '../../mail/templates/render.js';

export interface ConnectedData {
  name: string;
  counterpartName: string;
  counterpartEmail: string;
  summary: string;
  initiativeTitle: string | null;
  reasons: string[];
  /** The web app's list of the reader's introductions. */
  introductionsLink: string;
  unsubscribeLink: string;
}

export const CONNECTED: LocalizedTemplate<ConnectedData> = {
  subject: { nl: 'Kennismaking: {{counterpartName}} wil ook graag kennismaken', en: 'Introduction: {{counterpartName}} would like to meet you too' },
  text: {
    nl: `Hallo {{name}},

Jullie zeiden allebei ja. Maak kennis met {{counterpartName}}{{#if summary}} ({{summary}}){{/if}}: {{counterpartEmail}}
{{#if initiativeTitle}}Het gaat om het initiatief "{{initiativeTitle}}".
{{/if}}
Waarom wij dachten dat jullie elkaar verder kunnen helpen:
{{#each reasons}}  • {{this}}
{{/each}}
Stuur gerust als eerste een e-mail. Was het nuttig? Laat het ons weten in Verbinder.

Al je kennismakingen: {{introductionsLink}}

Geen e-mails meer? {{unsubscribeLink}}`,
    en: `Hello {{name}},

You both said yes. Meet {{counterpartName}}{{#if summary}} ({{summary}}){{/if}}: {{counterpartEmail}}
{{#if initiativeTitle}}This is about the initiative "{{initiativeTitle}}".
{{/if}}
Why we thought you could help each other:
{{#each reasons}}  • {{this}}
{{/each}}
Feel free to write first. Was it useful? Tell us in Verbinder.

All your introductions: {{introductionsLink}}

No more emails? {{unsubscribeLink}}`,
  },
  html: {
    nl: `<p>Hallo {{name}},</p>
<p>Jullie zeiden allebei ja. Maak kennis met <b>{{counterpartName}}</b>{{#if summary}} ({{summary}}){{/if}}: <a href="mailto:{{counterpartEmail}}">{{counterpartEmail}}</a></p>
{{#if initiativeTitle}}<p>Het gaat om het initiatief <b>{{initiativeTitle}}</b>.</p>{{/if}}
<p>Waarom wij dachten dat jullie elkaar verder kunnen helpen:</p>
<ul>{{#each reasons}}<li>{{this}}</li>{{/each}}</ul>
<p>Stuur gerust als eerste een e-mail. Was het nuttig? Laat het ons weten bij <a href="{{introductionsLink}}">je kennismakingen</a>.</p>
<p style="font-size:12px;color:#666">Geen e-mails meer? <a href="{{unsubscribeLink}}">Afmelden</a></p>`,
    en: `<p>Hello {{name}},</p>
<p>You both said yes. Meet <b>{{counterpartName}}</b>{{#if summary}} ({{summary}}){{/if}}: <a href="mailto:{{counterpartEmail}}">{{counterpartEmail}}</a></p>
{{#if initiativeTitle}}<p>This is about the initiative <b>{{initiativeTitle}}</b>.</p>{{/if}}
<p>Why we thought you could help each other:</p>
<ul>{{#each reasons}}<li>{{this}}</li>{{/each}}</ul>
<p>Feel free to write first. Was it useful? Tell us in <a href="{{introductionsLink}}">your introductions</a>.</p>
<p style="font-size:12px;color:#666">No more emails? <a href="{{unsubscribeLink}}">Unsubscribe</a></p>`,
  },
};
