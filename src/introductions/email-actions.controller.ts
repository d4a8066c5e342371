import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import Handlebars from 'handlebars';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { EmailLinks } from './email-links.js';
import { IntroductionsService } from './introductions.service.js';

const page = Handlebars.compile(`<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Verbinder</title>
<meta name="viewport" content="width=device-width"><style>body{font-family:sans-serif;max-width:36em;margin:3em auto;padding:0 1em;color:#222}
button{padding:.6em 1.2em;font-size:1em;margin-right:.5em}</style></head>
<body><h1>Verbinder</h1>{{#each lines}}<p>{{this}}</p>{{/each}}
{{#if form}}<form method="post" action="{{form.action}}"><input type="hidden" name="token" value="{{form.token}}">
{{#each form.buttons}}<button type="submit" name="answer" value="{{value}}">{{label}}</button>{{/each}}</form>{{/if}}
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

const SECURITY_HEADERS = [
  ['Content-Type', 'text/html; charset=utf-8'],
  ['Cache-Control', 'no-store'],
  ['Referrer-Policy', 'no-referrer'],
  ['Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'"],
] as const;

/**
 * Pages behind the links in emails. Opening a link (GET) changes nothing, because mail
 * scanners follow links; the person confirms with a button (POST). Unsubscribing also accepts
 * the one-click POST that mail clients send (RFC 8058). No sign-in needed: the signed token is
 * the permission.
 */
@Controller()
export class EmailActionsController {
  constructor(
    private readonly links: EmailLinks,
    private readonly introductions: IntroductionsService,
  ) {}

  @Get('introductions/answer')
  async answerPage(@Query('token') token: unknown, @Query('answer') answer: unknown, @Res() res: Response): Promise<void> {
    await respond(res, async () => {
      const claims = await this.links.verify('answer', token);
      const view = await this.introductions.get(claims.acc, claims.intro!);
      const buttons = [
        { value: 'accept', label: 'Ja, graag kennismaken / Yes, please' },
        { value: 'decline', label: 'Nee, dank je / No, thanks' },
      ].filter((b) => answer !== 'accept' && answer !== 'decline' ? true : b.value === answer);
      return {
        lines: [
          answer === 'decline'
            ? 'Bevestig dat je deze kennismaking afslaat. De ander hoort niet dat jij het was. / Confirm that you decline; the other person is not told it was you.'
            : 'Bevestig je antwoord. Zeggen jullie allebei ja, dan krijgen jullie elkaars e-mailadres. / Confirm your answer; if you both say yes, you get each other’s email address.',
          `Voorstel van / Suggested on ${view.createdAt.toISOString().slice(0, 10)}`,
        ],
        form: { action: '/introductions/answer', token: String(token), buttons },
      };
    });
  }

  @Post('introductions/answer')
  async answer(@Body() body: { token?: unknown; answer?: unknown }, @Res() res: Response): Promise<void> {
    await respond(res, async () => {
      const claims = await this.links.verify('answer', body?.token);
      if (body.answer !== 'accept' && body.answer !== 'decline') {
        return { status: 400, lines: ['Kies ja of nee. / Choose yes or no.'] };
      }
      const view = await this.introductions.respond(claims.acc, claims.intro!, body.answer === 'accept');
      return {
        lines:
          view.status === 'CONNECTED'
            ? ['Jullie zeiden allebei ja! Je krijgt een e-mail met de gegevens. / You both said yes! An email with the details is on its way.']
            : body.answer === 'accept'
              ? ['Dank je. Zegt de ander ook ja, dan krijgen jullie allebei een e-mail. / Thank you. If the other person says yes too, you both get an email.']
              : ['Dank je, we stellen jullie niet aan elkaar voor. / Thank you; we will not introduce you.'],
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
async function respond(res: Response, build: () => Promise<{ status?: number; lines: string[]; form?: Form }>): Promise<void> {
  for (const [name, value] of SECURITY_HEADERS) res.setHeader(name, value);
  try {
    const { status, lines, form } = await build();
    res.status(status ?? 200).send(page({ lines, form }));
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const status = error.code === ErrorCode.NOT_FOUND ? 404 : error.code === ErrorCode.CONFLICT ? 409 : 400;
    res.status(status).send(page({ lines: [error.message] }));
  }
}
