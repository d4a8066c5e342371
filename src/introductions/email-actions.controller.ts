import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import Handlebars from 'handlebars';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import type { Locale } from '../common/enums.js';
import { AppConfig } from '../config/runtime-config.js';
import { EmailLinks } from './email-links.js';
import { type AnswerPageView, IntroductionsService } from './introductions.service.js';

// Handlebars escapes every {{value}}: a counterpart named `<b>` shows as text.
const page = Handlebars.compile(`<!doctype html><html lang="{{lang}}"><head><meta charset="utf-8"><title>Verbinder</title>
<meta name="viewport" content="width=device-width"><style>body{font-family:sans-serif;max-width:36em;margin:3em auto;padding:0 1em;color:#222}
button{padding:.6em 1.2em;font-size:1em;margin-right:.5em}</style></head>
<body><h1>Verbinder</h1>{{#each lines}}<p>{{this}}</p>{{/each}}
{{#if form}}<form method="post" action="{{form.action}}"><input type="hidden" name="token" value="{{form.token}}">
{{#each form.buttons}}<button type="submit" name="answer" value="{{value}}">{{label}}</button>{{/each}}</form>{{/if}}
{{#if link}}<p><a href="{{link.href}}">{{link.label}}</a></p>{{/if}}
</body></html>`);

/** The part of Express's response these pages use. */
interface Response {
  setHeader(name: string, value: string): unknown;
  status(code: number): { send(body: string): unknown };
}

interface Form {
  action: string;
  token: string;
  buttons: { value: string; label: string }[];
}

interface Page {
  status?: number;
  /** The language of the page; Dutch and English side by side when the reader is not known yet. */
  lang?: Locale;
  lines: string[];
  form?: Form;
  link?: { href: string; label: string };
}

const SECURITY_HEADERS = [
  ['Content-Type', 'text/html; charset=utf-8'],
  ['Cache-Control', 'no-store'],
  ['Referrer-Policy', 'no-referrer'],
  ['Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'"],
] as const;

/** The answer pages' words, in the reader's language. */
const ANSWER_TEXTS = {
  nl: {
    with: (name: string) => `Je antwoordt op de kennismaking met ${name}.`,
    confirmDecline: 'Bevestig dat je deze kennismaking afslaat. De ander hoort niet dat jij het was.',
    confirm: 'Bevestig je antwoord. Zeggen jullie allebei ja, dan krijgen jullie elkaars e-mailadres.',
    suggestedOn: (day: string) => `Voorgesteld op ${day}`,
    yes: 'Ja, graag kennismaken',
    no: 'Nee, dank je',
    choose: 'Kies ja of nee.',
    connected: 'Jullie zeiden allebei ja! Je krijgt een e-mail met de gegevens.',
    accepted: 'Dank je. Zegt de ander ook ja, dan krijgen jullie allebei een e-mail.',
    declined: 'Dank je, we stellen jullie niet aan elkaar voor.',
    introductions: 'Al je kennismakingen',
  },
  en: {
    with: (name: string) => `You are answering the introduction to ${name}.`,
    confirmDecline: 'Confirm that you decline this introduction. The other person is not told it was you.',
    confirm: 'Confirm your answer. If you both say yes, you get each other’s email address.',
    suggestedOn: (day: string) => `Suggested on ${day}`,
    yes: 'Yes, please',
    no: 'No, thanks',
    choose: 'Choose yes or no.',
    connected: 'You both said yes! An email with the details is on its way.',
    accepted: 'Thank you. If the other person says yes too, you both get an email.',
    declined: 'Thank you; we will not introduce you.',
    introductions: 'All your introductions',
  },
} as const;

function answerTexts(context: AnswerPageView): { lang: Locale; words: (typeof ANSWER_TEXTS)[Locale]; withWhom: string } {
  const lang: Locale = context.locale === 'en' ? 'en' : 'nl';
  const words = ANSWER_TEXTS[lang];
  const { name, organisation } = context.counterpart;
  return { lang, words, withWhom: words.with(organisation ? `${name} (${organisation})` : name) };
}

/**
 * Pages behind the links in emails. Opening a link (GET) changes nothing, because mail
 * scanners follow links; the person confirms with a button (POST). Unsubscribing also accepts
 * the one-click POST that mail clients send (RFC 8058). No sign-in needed: the signed token is
 * the permission. The answer pages name whom the introduction is with, in the reader's language.
 */
@Controller()
export class EmailActionsController {
  constructor(
    private readonly links: EmailLinks,
    private readonly introductions: IntroductionsService,
    private readonly config: AppConfig,
  ) {}

  @Get('introductions/answer')
  async answerPage(@Query('token') token: unknown, @Query('answer') answer: unknown, @Res() res: Response): Promise<void> {
    await respond(res, async () => {
      const claims = await this.links.verify('answer', token);
      const context = await this.introductions.forAnswerPage(claims.acc, claims.intro!);
      const { lang, words, withWhom } = answerTexts(context);
      const buttons = [
        { value: 'accept', label: words.yes },
        { value: 'decline', label: words.no },
      ].filter((b) => (answer !== 'accept' && answer !== 'decline' ? true : b.value === answer));
      return {
        lang,
        lines: [withWhom, answer === 'decline' ? words.confirmDecline : words.confirm, words.suggestedOn(context.view.createdAt.toISOString().slice(0, 10))],
        form: { action: '/introductions/answer', token: String(token), buttons },
      };
    });
  }

  @Post('introductions/answer')
  async answer(@Body() body: { token?: unknown; answer?: unknown }, @Res() res: Response): Promise<void> {
    await respond(res, async () => {
      const claims = await this.links.verify('answer', body?.token);
      const context = await this.introductions.forAnswerPage(claims.acc, claims.intro!);
      const { lang, words, withWhom } = answerTexts(context);
      if (body.answer !== 'accept' && body.answer !== 'decline') {
        return { status: 400, lang, lines: [withWhom, words.choose] };
      }
      const view = await this.introductions.respond(claims.acc, claims.intro!, body.answer === 'accept');
      return {
        lang,
        lines: [withWhom, view.status === 'CONNECTED' ? words.connected : body.answer === 'accept' ? words.accepted : words.declined],
        link: { href: `${this.config.publicUrl}/kennismakingen`, label: words.introductions },
      };
    });
  }

  @Get('email/unsubscribe')
  async unsubscribePage(@Query('token') token: unknown, @Res() res: Response): Promise<void> {
    await respond(res, async () => {
      await this.links.verify('unsubscribe', token);
      return {
        lines: ['Geen voorstellen meer per e-mail ontvangen? / Stop receiving suggestions by email?'],
        form: { action: `/email/unsubscribe?token=${encodeURIComponent(String(token))}`, token: String(token), buttons: [{ value: 'unsubscribe', label: 'Afmelden / Unsubscribe' }] },
      };
    });
  }

  /** The form's POST and RFC 8058 one-click POST (token in the URL, body List-Unsubscribe=One-Click). */
  @Post('email/unsubscribe')
  @HttpCode(200)
  async unsubscribe(@Query('token') queryToken: unknown, @Body() body: { token?: unknown }, @Res() res: Response): Promise<void> {
    await respond(res, async () => {
      const claims = await this.links.verify('unsubscribe', queryToken ?? body?.token);
      await this.introductions.unsubscribe(claims.acc);
      return { lines: ['Je bent afgemeld; je krijgt geen voorstellen meer. / You are unsubscribed; no more suggestions.'] };
    });
  }

  @Get('email/resume')
  async resumePage(@Query('token') token: unknown, @Res() res: Response): Promise<void> {
    await respond(res, async () => {
      await this.links.verify('resume', token);
      return {
        lines: ['Weer voorstellen ontvangen, elke week? / Receive suggestions again, weekly?'],
        form: { action: '/email/resume', token: String(token), buttons: [{ value: 'resume', label: 'Ja, graag / Yes, please' }] },
      };
    });
  }

  @Post('email/resume')
  async resume(@Body() body: { token?: unknown }, @Res() res: Response): Promise<void> {
    await respond(res, async () => {
      const claims = await this.links.verify('resume', body?.token);
      await this.introductions.resume(claims.acc);
      return { lines: ['Je ontvangt weer voorstellen. / You will receive suggestions again.'] };
    });
  }
}

/** Renders the page, or the domain error as a page with a fitting status (never a stack trace). */
async function respond(res: Response, build: () => Promise<Page>): Promise<void> {
  for (const [name, value] of SECURITY_HEADERS) res.setHeader(name, value);
  try {
    const { status, lang, lines, form, link } = await build();
    res.status(status ?? 200).send(page({ lang: lang ?? 'nl', lines, form, link }));
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const status = error.code === ErrorCode.NOT_FOUND ? 404 : error.code === ErrorCode.CONFLICT ? 409 : 400;
    // Domain errors speak English.
    res.status(status).send(page({ lang: 'en', lines: [error.message] }));
  }
}
