import { Controller, Get, Header, Redirect, Query } from '@nestjs/common';

/**
 * The address of sign-in links sent before the web app existed (`/sign-in?token=…`). The web
 * app's page `/aanmelden` now opens them; this one sends the browser there with the same token.
 * Opening either signs nobody in (mail scanners follow links). The token stays out of caches
 * and out of the Referer of whatever the next page loads.
 */
@Controller('sign-in')
export class SignInPageController {
  @Get()
  @Redirect('/aanmelden', 303)
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  page(@Query('token') token?: string): { url: string } {
    const safeToken = String(token ?? '').slice(0, 200);
    return { url: safeToken ? `/aanmelden?token=${encodeURIComponent(safeToken)}` : '/aanmelden' };
  }
}
