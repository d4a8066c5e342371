// Operations over HTTP: the queue dashboard (admins only), Prometheus metrics, and failed emails.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { makeFixtures } from './support/fixtures.js';
import { registerAndSignIn } from './support/sign-in.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('operations', () => {
  let t: TestApp;
  let admin: { token: string; id: string };
  let user: { token: string; id: string };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await registerAndSignIn(t, { email: 'admin@example.org', name: 'Ada Admin' });
    user = await registerAndSignIn(t, { email: 'user@example.org', name: 'Uma User' });
  });
  afterAll(() => t?.close());

  it('shows the queue dashboard to admins only', async () => {
    expect((await fetch(`${t.url}/admin/queues`)).status).toBe(401);
    expect((await fetch(`${t.url}/admin/queues`, { headers: { authorization: `Bearer ${user.token}` } })).status).toBe(403);
    expect((await fetch(`${t.url}/admin/queues?token=${user.token}`, { redirect: 'manual' })).status).toBe(403);
    expect((await fetch(`${t.url}/admin/queues`, { headers: { authorization: 'Bearer forged' } })).status).toBe(401);

    // A browser: the token once in the address, then a cookie for this path only.
    const first = await fetch(`${t.url}/admin/queues?token=${admin.token}`, { redirect: 'manual' });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/admin/queues');
    const cookie = first.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^verbinder_admin=[^;]+; Path=\/admin\/queues; HttpOnly; SameSite=Strict$/);
    const page = await fetch(`${t.url}/admin/queues`, { headers: { cookie: cookie.split(';')[0] } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Verbinder');
    const api = await fetch(`${t.url}/admin/queues/api/queues`, { headers: { authorization: `Bearer ${admin.token}` } });
    expect(api.status).toBe(200);
    // A page holding the token (the web app's /beheer) fetches with the header and gets the cookie, no redirect.
    expect(api.headers.get('set-cookie')).toMatch(/^verbinder_admin=[^;]+; Path=\/admin\/queues; HttpOnly; SameSite=Strict$/);
    const again = await fetch(`${t.url}/admin/queues/api/queues`, { headers: { authorization: `Bearer ${admin.token}`, cookie: cookie.split(';')[0] } });
    expect(again.headers.get('set-cookie')).toBeNull();
    const names = ((await api.json()) as { queues: { name: string }[] }).queues.map((q) => q.name).sort();
    expect(names).toEqual(['email', 'maintenance', 'matching']);
  });

  it('serves Prometheus metrics: queue depth, jobs processed and emails', async () => {
    const res = await fetch(`${t.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/^verbinder_queue_jobs\{queue="email",state="waiting"\} \d+$/m);
    expect(text).toMatch(/^verbinder_queue_jobs\{queue="matching",state="active"\} \d+$/m);
    // Two sign-in links were sent above.
    expect(text).toMatch(/^verbinder_queue_jobs_processed\{queue="email",outcome="completed"\} ([2-9]|\d\d+)$/m);
    expect(text).toContain('# TYPE verbinder_emails gauge');
  });

  it('lists failed emails to admins and sends one again on request', async () => {
    const person = await makeFixtures(t.db).professional({ name: 'Paula', email: 'paula@example.org' });
    const id = randomUUID();
    await t.db.query(
      `INSERT INTO email_outbox (id, idempotency_key, kind, account_id, status, last_error) VALUES ($1, $2, 'paused', $3, 'FAILED', 'SMTP 451 try later')`,
      [id, `paused:test:${person}`, person],
    );
    const LIST = `{ failedEmails { totalCount edges { node { id kind accountId lastError requeues } } } }`;
    expect((await t.gql(LIST, {}, { token: user.token })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const listed = await t.gql(LIST, {}, { token: admin.token });
    expect(listed.data).toEqual({
      failedEmails: { totalCount: 1, edges: [{ node: { id, kind: 'paused', accountId: person, lastError: 'SMTP 451 try later', requeues: 0 } }] },
    });
    const before = t.mailbox.messages.length;
    const retried = await t.gql(`mutation($id: ID!) { retryEmail(id: $id) }`, { id }, { token: admin.token });
    expect(retried.data).toEqual({ retryEmail: true });
    const mail = await t.mailbox.waitForMailTo('paula@example.org', before);
    expect(mail.subject).toBe('We sturen je even geen voorstellen meer');
    // Marked SENT right after the SMTP server accepted it.
    const row = async () => (await t.db.query(`SELECT status, requeues FROM email_outbox WHERE id = $1`, [id])).rows[0];
    for (let i = 0; i < 100 && (await row()).status !== 'SENT'; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await row()).toEqual({ status: 'SENT', requeues: 1 });
    expect((await t.gql(`mutation($id: ID!) { retryEmail(id: $id) }`, { id }, { token: admin.token })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});
