import { Controller, Get, Header, ServiceUnavailableException } from '@nestjs/common';
import { WEB_ROUTES } from '../common/web-routes.js';
import { WebAppFiles } from './web-app.files.js';

/**
 * The web app's page for each of its routes; the browser's router takes it from there. Its
 * scripts and styles come from /assets (web.module.ts). The policy allows our own files only:
 * no inline script, nothing from elsewhere; the session token in localStorage depends on that.
 */
@Controller()
export class WebAppController {
  constructor(private readonly files: WebAppFiles) {}

  @Get([...WEB_ROUTES])
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  @Header('Referrer-Policy', 'no-referrer')
  @Header('X-Content-Type-Options', 'nosniff')
  @Header(
    'Content-Security-Policy',
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
      "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  )
  page(): string {
    const html = this.files.indexHtml();
    if (html === null) {
      throw new ServiceUnavailableException('The web app is not built: run `npm run build` (it builds web/ into dist/web).');
    }
    return html;
  }
}
