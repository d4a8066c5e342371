import { Controller, Get, Header, Query } from '@nestjs/common';

/**
 * The page an emailed sign-in link opens. Opening it signs nobody in (mail scanners
 * follow links): the person presses the button, which exchanges the token through the
 * `signIn` mutation and shows the session token to use as a bearer token.
 */
@Controller('sign-in')
export class SignInPageController {
  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  @Header('Content-Security-Policy', "default-src 'none'; script-src 'unsafe-inline'; connect-src 'self'; style-src 'unsafe-inline'")
  page(@Query('token') token?: string): string {
    const safeToken = JSON.stringify(String(token ?? '').slice(0, 200)).replace(/</g, '\\u003c');
    return `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Verbinder — aanmelden</title>
<meta name="viewport" content="width=device-width"><style>body{font-family:sans-serif;max-width:40em;margin:3em auto;padding:0 1em}
button{padding:.6em 1.2em;font-size:1em}code{word-break:break-all;background:#eee;padding:.2em}</style></head>
<body><h1>Verbinder</h1><p>Druk op de knop om je aan te melden. / Press the button to sign in.</p>
<button id="go">Aanmelden / Sign in</button><p id="out"></p>
<script>
const token = ${safeToken};
document.getElementById('go').onclick = async () => {
  const out = document.getElementById('out');
  const res = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'mutation($t: String!) { signIn(token: $t) { token me { professional { name } } } }', variables: { t: token } }) });
  const body = await res.json();
  if (body.errors) { out.textContent = body.errors[0].message; return; }
  out.innerHTML = 'Welkom, ' + body.data.signIn.me.professional.name.replace(/[<&]/g, '') +
    '. Gebruik als header / use as header: <br><code>Authorization: Bearer ' + body.data.signIn.token + '</code>';
};
</script></body></html>`;
  }
}
