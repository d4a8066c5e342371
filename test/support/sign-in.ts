// Signs a person in the way a user does: register or request a link, read the email
// that the in-process SMTP server received, and exchange the token from its link.
import type { TestApp } from './test-app.js';

const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) }`;
const SIGN_IN = `mutation($token: String!) { signIn(token: $token) { token me { email roles professional { id name } } } }`;

export function tokenFromEmail(text: string): string {
  const match = /\/aanmelden\?token=([A-Za-z0-9_-]+)/.exec(text);
  if (!match) throw new Error(`No sign-in link in: ${text}`);
  return match[1];
}

export async function registerAndSignIn(
  t: TestApp,
  input: { email: string; name: string; sector?: string; municipalityCode?: string; locale?: string },
): Promise<{ token: string; id: string }> {
  const before = t.mailbox.messages.length;
  const registered = await t.gql(REGISTER, { input: { sector: 'CITIZEN', ...input } });
  if (registered.errors) throw new Error(JSON.stringify(registered.errors));
  const mail = await t.mailbox.waitForMailTo(input.email, before);
  const res = await t.gql<{ signIn: { token: string; me: { professional: { id: string } } } }>(SIGN_IN, {
    token: tokenFromEmail(mail.text ?? ''),
  });
  if (!res.data?.signIn) throw new Error(JSON.stringify(res.errors));
  return { token: res.data.signIn.token, id: res.data.signIn.me.professional.id };
}
