import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { drain } from './support/drain.js';
import { registerAndSignIn, tokenFromEmail } from './support/sign-in.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) }`;
const REQUEST_LINK = `mutation($email: String!) { requestSignInLink(email: $email) }`;
const REQUEST_LINK_NEXT = `mutation($email: String!, $next: String) { requestSignInLink(email: $email, next: $next) }`;
const SIGN_IN = `mutation($token: String!) { signIn(token: $token) { token me { email roles preferences { locale } professional { name } } } }`;
const ME = `{ me { email roles professional { id name sector municipality { name } } } }`;

describe('sign-in by emailed link', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('registers, emails a single-use link in Dutch with text and HTML, and signs in with it', async () => {
    const res = await t.gql(REGISTER, { input: { email: 'Anna.deJong@example.org', name: 'Anna de Jong', sector: 'GOVERNMENT', municipalityCode: 'GM0518' } });
    expect(res).toEqual({ data: { register: true } });

    const [mail] = await t.mailbox.waitFor(1);
    expect(mail.to).toMatchObject({ text: 'anna.dejong@example.org' });
    expect(mail.subject).toBe('Je aanmeldlink voor Verbinder');
    expect(mail.text).toContain('Hallo Anna de Jong');
    expect(mail.html).toContain('Aanmelden');
    const token = tokenFromEmail(mail.text!);
    expect(mail.text).toContain(`http://verbinder.test/aanmelden?token=${token}\n`);

    const signedIn = await t.gql<{ signIn: { token: string; me: { email: string; roles: string[] } } }>(SIGN_IN, { token });
    expect(signedIn.data?.signIn.me).toEqual({
      email: 'anna.dejong@example.org',
      roles: ['PROFESSIONAL'],
      preferences: { locale: 'nl' },
      professional: { name: 'Anna de Jong' },
    });
    const me = await t.gql(ME, {}, { token: signedIn.data!.signIn.token });
    expect(me.data).toMatchObject({ me: { email: 'anna.dejong@example.org', professional: { sector: 'GOVERNMENT', municipality: { name: "'s-Gravenhage" } } } });

    const again = await t.gql(SIGN_IN, { token });
    expect(again.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('writes English email for locale en', async () => {
    const before = t.mailbox.messages.length;
    await t.gql(REGISTER, { input: { email: 'sam@example.org', name: 'Sam Smith', sector: 'SCIENCE', locale: 'en' } });
    const mail = await t.mailbox.waitForMailTo('sam@example.org', before);
    expect(mail.subject).toBe('Your Verbinder sign-in link');
    expect(mail.text).toContain('Hello Sam Smith');
  });

  it('never reveals whether an address has an account, and emails only existing accounts', async () => {
    const before = t.mailbox.messages.length;
    const unknown = await t.gql(REQUEST_LINK, { email: 'nobody@example.org' });
    const known = await t.gql(REQUEST_LINK, { email: 'ANNA.DEJONG@example.org' });
    expect(unknown).toEqual(known);
    expect(known).toEqual({ data: { requestSignInLink: true } });
    await t.mailbox.waitFor(before + 1);
    await drain(t);
    expect(t.mailbox.messages.slice(before).map((m) => m.to)).toEqual([expect.objectContaining({ text: 'anna.dejong@example.org' })]);

    // Registering an existing address again does not create a second account; the owner gets a link.
    const beforeAgain = t.mailbox.messages.length;
    await t.gql(REGISTER, { input: { email: 'anna.dejong@example.org', name: 'Impostor', sector: 'BUSINESS' } });
    expect((await t.mailbox.waitForMailTo('anna.dejong@example.org', beforeAgain)).text).toContain('Hallo Anna de Jong');
    const { rows } = await t.db.query(`SELECT p.name FROM account a JOIN professional p USING (id) WHERE lower(a.email) = 'anna.dejong@example.org'`);
    expect(rows).toEqual([{ name: 'Anna de Jong' }]);
  });

  it('links back to the page the person came from, when register or requestSignInLink name one of the web app', async () => {
    const initiative = '0b6f1c2e-4d5a-4e6f-8a9b-0c1d2e3f4a5b';
    const headers = { 'x-forwarded-for': '198.51.100.21' };
    let before = t.mailbox.messages.length;
    const next = `/initiatieven/${initiative}`;
    expect(await t.gql(REGISTER, { input: { email: 'nora@example.org', name: 'Nora Bakker', sector: 'CITIZEN', next } }, { headers })).toEqual({
      data: { register: true },
    });
    let mail = await t.mailbox.waitForMailTo('nora@example.org', before);
    let token = tokenFromEmail(mail.text!);
    expect(mail.text).toContain(`http://verbinder.test/aanmelden?token=${token}&next=%2Finitiatieven%2F${initiative}\n`);
    const hrefs = [...String(mail.html || '').matchAll(/href="([^"]*)"/g)].map(([, href]) => href.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&'));
    expect(hrefs).toContain(`http://verbinder.test/aanmelden?token=${token}&next=%2Finitiatieven%2F${initiative}`);

    before = t.mailbox.messages.length;
    await t.gql(REQUEST_LINK_NEXT, { email: 'nora@example.org', next: '/zoeken?q=zorg&sector=CITIZEN' }, { headers });
    mail = await t.mailbox.waitForMailTo('nora@example.org', before);
    token = tokenFromEmail(mail.text!);
    expect(mail.text).toContain(`/aanmelden?token=${token}&next=${encodeURIComponent('/zoeken?q=zorg&sector=CITIZEN')}\n`);
    // The token still works with a `next` behind it.
    expect((await t.gql<{ signIn: { me: { email: string } } }>(SIGN_IN, { token })).data?.signIn.me.email).toBe('nora@example.org');

    // Anywhere else is refused before anything is queued.
    before = t.mailbox.messages.length;
    const refused = ['//evil.example/x', 'https://evil.example/', '/initiatieven/12', '/elders', 'kennismakingen', `/zoeken?q=${'x'.repeat(200)}`, '/profiel\\evil'];
    for (const [i, bad] of refused.entries()) {
      // Fresh addresses and clients: the rate limits count refused requests too.
      const email = `refused${i}@example.org`;
      const viaLink = await t.gql(REQUEST_LINK_NEXT, { email, next: bad }, { headers: { 'x-forwarded-for': `198.51.100.${30 + i}` } });
      expect(viaLink.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'next' } });
      expect(viaLink.errors?.[0].message).toMatch(/^next ".*" is not a path of the web app/);
      const viaRegister = await t.gql(
        REGISTER,
        { input: { email, name: 'Nora Bakker', sector: 'CITIZEN', next: bad } },
        { headers: { 'x-forwarded-for': `198.51.100.${60 + i}` } },
      );
      expect(viaRegister.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'next' } });
    }
    await drain(t);
    expect(t.mailbox.messages.length).toBe(before);
  });

  it('refuses an expired link', async () => {
    const before = t.mailbox.messages.length;
    await t.gql(REQUEST_LINK, { email: 'sam@example.org' });
    const mail = await t.mailbox.waitForMailTo('sam@example.org', before);
    await t.db.query(`UPDATE sign_in_token SET expires_at = now() - interval '1 second' WHERE used_at IS NULL`);
    const res = await t.gql(SIGN_IN, { token: tokenFromEmail(mail.text!) });
    expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect(res.data).toBeNull();
  });

  it('stores only a hash of the token, valid for 15 minutes', async () => {
    const { rows } = await t.db.query(`SELECT token_hash, round(extract(epoch FROM expires_at - created_at)) AS seconds FROM sign_in_token LIMIT 1`);
    expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(Number(rows[0].seconds)).toBe(900);
  });

  it('gives ADMIN to addresses in ADMIN_EMAILS', async () => {
    const { token } = await registerAndSignIn(t, { email: 'admin@example.org', name: 'Admin' });
    const me = await t.gql<{ me: { roles: string[] } }>(ME, {}, { token });
    expect(me.data?.me.roles).toEqual(['PROFESSIONAL', 'ADMIN']);
  });

  it('treats a missing or forged token as anonymous', async () => {
    expect((await t.gql(ME)).data).toEqual({ me: null });
    expect((await t.gql(ME, {}, { token: 'forged.token.value' })).data).toEqual({ me: null });
    const res = await t.gql(`{ professional(id: "00000000-0000-0000-0000-000000000000") { name } }`);
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('validates input with a clear BAD_USER_INPUT', async () => {
    const bad = await t.gql(REGISTER, { input: { email: 'not-an-email', name: 'X Y', sector: 'CITIZEN' } });
    expect(bad.errors?.[0]).toMatchObject({ message: 'email "not-an-email" is not an email address', extensions: { code: 'BAD_USER_INPUT' } });
    const unknownPlace = await t.gql(REGISTER, { input: { email: 'p@example.org', name: 'P Q', sector: 'CITIZEN', municipalityCode: 'GM9999' } });
    expect(unknownPlace.errors?.[0]).toMatchObject({ message: 'Unknown municipality "GM9999"', extensions: { code: 'BAD_USER_INPUT', value: 'GM9999' } });
    const long = await t.gql(REGISTER, { input: { email: 'l@example.org', name: 'x'.repeat(121), sector: 'CITIZEN' } });
    expect(long.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(long.errors?.[0].message).toMatch(/name/);
  });
});

describe('rate limits on sign-in links', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('limits requests per email address (5 an hour) across clients', async () => {
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await t.gql(REQUEST_LINK, { email: 'target@example.org' }, { headers: { 'x-forwarded-for': `10.0.0.${i}` } });
      codes.push(res.errors?.[0].extensions?.code);
    }
    expect(codes).toEqual([undefined, undefined, undefined, undefined, undefined, 'RATE_LIMITED']);
  });

  it('limits requests per client (10 a minute) across addresses', async () => {
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await t.gql(REQUEST_LINK, { email: `person${i}@example.org` }, { headers: { 'x-forwarded-for': '192.0.2.7' } });
      codes.push(res.errors?.[0].extensions?.code);
    }
    expect(codes.slice(0, 10).every((c) => c === undefined)).toBe(true);
    expect(codes[10]).toBe('RATE_LIMITED');
  });
});
