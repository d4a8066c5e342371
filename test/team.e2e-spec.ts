import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually } from './support/drain.js';
import { makeFixtures } from './support/fixtures.js';
import { registerAndSignIn } from './support/sign-in.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const TEAM = `query($id: ID!, $max: Int) { suggestTeam(initiativeId: $id, maxMembers: $max) {
  members { professional { name } covers { discipline { slug } } } uncovered { discipline { slug } } } }`;

interface Team {
  suggestTeam: { members: { professional: { name: string }; covers: { discipline: { slug: string } }[] }[]; uncovered: { discipline: { slug: string } }[] };
}

describe('suggestTeam', () => {
  let t: TestApp;
  let ilse: { token: string; id: string };
  let stranger: { token: string; id: string };
  let admin: { token: string; id: string };
  let initiative: string;
  let small: string;

  beforeAll(async () => {
    t = await startTestApp();
    ilse = await registerAndSignIn(t, { email: 'ilse@example.org', name: 'Ilse Initiatief', municipalityCode: 'GM0718' });
    stranger = await registerAndSignIn(t, { email: 'stranger@example.org', name: 'Stan Vreemd' });
    admin = await registerAndSignIn(t, { email: 'admin@example.org', name: 'Ada Admin' });
    const make = makeFixtures(t.db);
    // The initiator herself offers everything: she is never proposed for her own initiative.
    await t.db.query(
      `INSERT INTO professional_offer (professional_id, discipline_id, level) SELECT $1, id, 'EXPERT' FROM discipline WHERE slug IN ('participatie', 'subsidies', 'impactmeting')`,
      [ilse.id],
    );
    await make.professional({ name: 'Jan', municipalityCode: 'GM0687', hours: 10, offers: { participatie: 'EXPERIENCED', subsidies: 'EXPERIENCED' } });
    await make.professional({ name: 'Kees', municipalityCode: 'GM0363', hours: 10, offers: { participatie: 'EXPERT', subsidies: 'EXPERT', groenbeheer: 'EXPERT' } });
    await make.professional({ name: 'Lotte', municipalityCode: 'GM0718', hours: 4, offers: { groenbeheer: 'BASIC' } });
    await make.professional({ name: 'Mo', municipalityCode: 'GM0718', hours: 20, offers: { subsidies: 'BASIC' } });
    await make.professional({ name: 'Nina', municipalityCode: 'GM0718', hours: 20, offers: { impactmeting: 'EXPERIENCED' } });
    await make.professional({ name: 'Otto', municipalityCode: 'GM0718', hours: 20, optedIn: false, offers: { impactmeting: 'EXPERT' } });
    initiative = await make.initiative({
      title: 'Menukaart Vlissingen',
      municipalityCode: 'GM0718',
      initiatorIds: [ilse.id],
      needs: [
        { slug: 'participatie', level: 'EXPERIENCED', hours: 8 },
        { slug: 'subsidies', level: 'EXPERIENCED' },
        { slug: 'groenbeheer', level: 'BASIC' },
        { slug: 'impactmeting', level: 'EXPERT' },
        { slug: 'communicatie', level: 'BASIC', fulfilled: true },
      ],
    });
    small = await make.initiative({ title: 'Buurtoverleg', municipalityCode: 'GM0718', initiatorIds: [ilse.id], needs: [{ slug: 'participatie', level: 'EXPERIENCED' }] });
  });
  afterAll(() => t?.close());

  const summary = (team: Team['suggestTeam']) => ({
    members: team.members.map((m) => [m.professional.name, m.covers.map((c) => c.discipline.slug)]),
    uncovered: team.uncovered.map((u) => u.discipline.slug),
  });

  it('covers the most open needs with the fewest people, at the required level, never the initiator', async () => {
    const res = await t.gql<Team>(TEAM, { id: initiative, max: 5 }, { token: ilse.token });
    expect(res.errors).toBeUndefined();
    // Kees alone covers three needs; nobody suitable offers impactmeting at EXPERT
    // (Nina is only EXPERIENCED, Otto opted out, Ilse is the initiator).
    expect(summary(res.data!.suggestTeam)).toEqual({
      members: [['Kees', ['participatie', 'subsidies', 'groenbeheer']]],
      uncovered: ['impactmeting'],
    });
  });

  it('prefers the nearer person when two cover the same needs', async () => {
    const res = await t.gql<Team>(TEAM, { id: small }, { token: ilse.token });
    expect(summary(res.data!.suggestTeam)).toEqual({ members: [['Jan', ['participatie']]], uncovered: [] });
  });

  it('says why each member is in the team, in the viewer’s language: needs and levels, distance to the initiative, hours', async () => {
    const WHY = `query($id: ID!) { suggestTeam(initiativeId: $id) { members { professional { name } reasons { code text weight } } } }`;
    type Why = { suggestTeam: { members: { professional: { name: string }; reasons: { code: string; text: string; weight: number }[] }[] } };
    const nl = (await t.gql<Why>(WHY, { id: initiative }, { token: ilse.token })).data!.suggestTeam.members;
    expect(nl.map((m) => m.professional.name)).toEqual(['Kees']);
    const [needs, distance, hours] = [nl[0].reasons.slice(0, 3), nl[0].reasons[3], nl[0].reasons[4]];
    expect(nl[0].reasons).toHaveLength(5);
    expect(needs).toEqual([
      { code: 'COVERS_NEED', text: 'biedt Participatie op niveau expert (gevraagd: ervaren)', weight: 1 },
      { code: 'COVERS_NEED', text: 'biedt Subsidies op niveau expert (gevraagd: ervaren)', weight: 1 },
      { code: 'COVERS_NEED', text: 'biedt Groenbeheer op niveau expert (gevraagd: basis)', weight: 1 },
    ]);
    // Amsterdam to Vlissingen, as the crow flies between the municipalities' centres.
    expect(distance).toMatchObject({ code: 'DISTANCE', text: expect.stringMatching(/^1[3-6]\d km van Vlissingen$/) });
    const km = Number(/^(\d+)/.exec(distance.text)![1]);
    expect(distance.weight).toBeCloseTo(1 / (1 + km / 25), 2);
    // 10 hours; only participatie asks hours (8): 10 ≥ 8 fits.
    expect(hours).toEqual({ code: 'HOURS', text: '10 uur per maand beschikbaar, 8 gevraagd', weight: 1 });

    // The admin reads English (the account’s locale, read at each request).
    const en = async () => (await t.gql<Why>(WHY, { id: small }, { token: admin.token })).data!.suggestTeam.members;
    expect((await t.gql(`mutation { updatePreferences(input: { locale: "en" }) { optedIn } }`, {}, { token: admin.token })).errors).toBeUndefined();
    const [jan] = await en();
    expect(jan.professional.name).toBe('Jan');
    expect(jan.reasons.map((r) => r.code)).toEqual(['COVERS_NEED', 'DISTANCE', 'HOURS']);
    expect(jan.reasons[0]).toEqual({ code: 'COVERS_NEED', text: 'offers Citizen participation at experienced level (asked: experienced)', weight: 1 });
    expect(jan.reasons[1].text).toMatch(/^\d km from Vlissingen$/);
    expect(jan.reasons[2]).toEqual({ code: 'HOURS', text: '10 hours a month available', weight: 1 });
  });

  it('is for initiators of the initiative and admins only', async () => {
    expect((await t.gql(TEAM, { id: initiative }, { token: stranger.token })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(TEAM, { id: initiative })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await t.gql<Team>(TEAM, { id: initiative }, { token: admin.token })).data?.suggestTeam.members).toHaveLength(1);
    expect((await t.gql(TEAM, { id: '00000000-0000-4000-8000-000000000000' }, { token: admin.token })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await t.gql(TEAM, { id: initiative, max: 0 }, { token: ilse.token })).errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'maxMembers' } });
  });

  it('sees profile changes made after start-up (the index follows the change log)', async () => {
    await t.db.query(`INSERT INTO professional_offer (professional_id, discipline_id, level) SELECT p.id, d.id, 'EXPERT' FROM professional p, discipline d WHERE p.name = 'Nina' AND d.slug = 'impactmeting' ON CONFLICT (professional_id, discipline_id) DO UPDATE SET level = 'EXPERT'`);
    // The index follows the change log in the background.
    await eventually(async () => {
      const res = await t.gql<Team>(TEAM, { id: initiative, max: 5 }, { token: ilse.token });
      expect(summary(res.data!.suggestTeam)).toEqual({
        members: [['Kees', ['participatie', 'subsidies', 'groenbeheer']], ['Nina', ['impactmeting']]],
        uncovered: [],
      });
    });
  });
});
