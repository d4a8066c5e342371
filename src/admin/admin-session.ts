import { parseCookie, stringifySetCookie } from 'cookie';
import type { AuthService } from '../auth/auth.service.js';
import { isAdmin } from '../graphql/viewer.js';

/** The cookie that carries an admin's session token to the queue dashboard (a browser page cannot send a bearer header). */
export const ADMIN_COOKIE = 'verbinder_admin';

interface Request {
  headers: { authorization?: string; cookie?: string };
  query?: Record<string, unknown>;
  originalUrl?: string;
  secure?: boolean;
}
interface Response {
  status(code: number): Response;
  setHeader(name: string, value: string): unknown;
  type?(kind: string): Response;
  send(body: string): unknown;
  redirect(status: number, url: string): unknown;
}

/**
 * Express middleware for the queue dashboard: admins only. The session token comes from the
 * Authorization header, the cookie, or once as `?token=` (then stored in an HttpOnly cookie for
 * this path and removed from the address by a redirect). A request with the header also gets
 * that cookie, so a page that holds the token can open the dashboard without putting it in a URL.
 */
export function adminOnly(auth: AuthService, route: string) {
  return (req: Request, res: Response, next: (error?: unknown) => void): void => {
    const fromQuery = typeof req.query?.token === 'string' ? req.query.token : null;
    const fromHeader = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? null;
    const fromCookie = parseCookie(req.headers.cookie ?? '')[ADMIN_COOKIE] ?? null;
    const token = fromHeader ?? fromQuery ?? fromCookie;
    if (!token) {
      res.status(401).send('Sign in as an admin: open this page with ?token=<your session token>');
      return;
    }
    auth
      .viewerFromToken(token)
      .then((viewer) => {
        if (!viewer) return void res.status(401).send('Your session is not valid (any more); sign in again');
        if (!isAdmin(viewer)) return void res.status(403).send('Only admins may see the queues');
        const setCookie = (): void =>
          void res.setHeader(
            'Set-Cookie',
            stringifySetCookie({ name: ADMIN_COOKIE, value: token, httpOnly: true, sameSite: 'strict', path: route, secure: Boolean(req.secure) }),
          );
        // The web app (/beheer) fetches the dashboard once with its bearer header, then opens it:
        // the cookie set here carries the session, so the token never appears in an address.
        if (fromHeader && fromCookie !== fromHeader) setCookie();
        if (fromQuery && !fromHeader) {
          setCookie();
          const url = new URL(req.originalUrl ?? route, 'http://x');
          url.searchParams.delete('token');
          return void res.redirect(303, url.pathname + url.search);
        }
        next();
      })
      .catch(next);
  };
}
