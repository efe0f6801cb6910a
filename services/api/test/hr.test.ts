import { randomUUID } from 'node:crypto';
import { schema } from '@passerelle/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parisToday } from '../src/features/missions/rules';
import { createUser, randomRna, TEST_PASSWORD, type TestUser } from './factories';
import { buildTestApp, type TestApp } from './helpers';

const LYON = '69123'; // Auvergne-Rhône-Alpes (84)

function shift(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A `;` CSV parser with quoted fields, enough to read back what the report writes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ';') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) rows.push([...row, field]);
  return rows;
}

const frNumber = (s: string | undefined) => Number((s ?? '').replace(',', '.'));

describe('HR: approval, hours, validation, reports and personal data', () => {
  let t: TestApp;
  let admin: TestUser;
  let hrLyon: TestUser;
  let hrMarseille: TestUser;
  let member: TestUser;
  let otherMember: TestUser;
  let postier: TestUser;
  let unitId: string;
  let missionId: string;
  let applicationId: string;
  let associationId: string;
  const today = parisToday();
  const entryIds: string[] = [];

  const post = (user: TestUser, url: string, payload?: object) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1${url}`,
      headers: user.auth,
      ...(payload ? { payload } : {}),
    });
  const get = (user: TestUser, url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { ...user.auth, ...headers } });

  async function memberOfNewAssociation(): Promise<{ user: TestUser; associationId: string }> {
    const user = await createUser(t.app, 'association');
    const [association] = await t.database.db
      .insert(schema.associations)
      .values({
        name: `Solidarités ${randomUUID().slice(0, 6)}`,
        rna: randomRna(),
        communeCode: LYON,
        labelStatus: 'labelled',
      })
      .returning({ id: schema.associations.id });
    if (!association) throw new Error('association insert failed');
    await t.database.db
      .insert(schema.associationMembers)
      .values({ associationId: association.id, userId: user.id });
    return { user, associationId: association.id };
  }

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.database.db;
    admin = await createUser(t.app, 'admin');
    hrLyon = await createUser(t.app, 'hr');
    hrMarseille = await createUser(t.app, 'hr');
    postier = await createUser(t.app, 'postier', { firstName: 'Lucie', lastName: 'Martin' });
    ({ user: member, associationId } = await memberOfNewAssociation());
    ({ user: otherMember } = await memberOfNewAssociation());
    const [unit] = await db
      .insert(schema.businessUnits)
      .values({ code: `bu-${randomUUID().slice(0, 6)}`, name: 'Réseau La Poste', legalEntity: 'La Poste SA' })
      .returning({ id: schema.businessUnits.id });
    if (!unit) throw new Error('unit insert failed');
    unitId = unit.id;
    await db.insert(schema.hrScopes).values([
      { userId: hrLyon.id, regionCode: '84' },
      { userId: hrMarseille.id, regionCode: '93' },
    ]);
    await db
      .update(schema.postierProfiles)
      .set({ businessUnitId: unitId, communeCode: LYON, yearlyQuotaHours: 11 })
      .where(eq(schema.postierProfiles.userId, postier.id));
    const [domain] = await db.select({ code: schema.domains.code }).from(schema.domains).limit(1);
    if (!domain) throw new Error('no domain');
    const [mission] = await db
      .insert(schema.missions)
      .values({
        associationId,
        title: 'Ateliers numériques en bureau de poste',
        description: 'Accompagner les usagers dans leurs démarches en ligne.',
        domainCode: domain.code,
        communeCode: LYON,
        mode: 'onsite',
        startDate: shift(today, -10),
        endDate: shift(today, 30),
        hoursTotal: 40,
        seats: 3,
        status: 'published',
        publishedAt: new Date(),
      })
      .returning({ id: schema.missions.id });
    if (!mission) throw new Error('mission insert failed');
    missionId = mission.id;
  });
  afterAll(() => t.close());

  it('sets an hourly cost (admin), refused to HR outside their units (404)', async () => {
    const denied = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/hr/hourly-costs',
      headers: hrLyon.auth,
      payload: { businessUnitId: unitId, effectiveFrom: '2020-01-01', costPerHour: 40.5 },
    });
    expect(denied.statusCode).toBe(404);
    const ok = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/hr/hourly-costs',
      headers: admin.auth,
      payload: { businessUnitId: unitId, effectiveFrom: '2020-01-01', costPerHour: 40.5 },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ businessUnitId: unitId, costPerHour: 40.5 });
    // A later rate, in force only from tomorrow: today's hours keep the old one.
    const later = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/hr/hourly-costs',
      headers: admin.auth,
      payload: { businessUnitId: unitId, effectiveFrom: shift(today, 1), costPerHour: 99 },
    });
    expect(later.statusCode).toBe(200);
  });

  it('apply → accept → HR of the scope approves; HR of another région sees nothing', async () => {
    const applied = await post(postier, `/missions/${missionId}/applications`, {
      motivation: 'J’accompagne déjà mes collègues sur les outils numériques.',
    });
    expect(applied.statusCode).toBe(201);
    applicationId = applied.json().id;
    const accepted = await post(member, `/applications/${applicationId}/accept`);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().hrStatus).toBe('pending');

    // Not yet approved: no hours.
    const early = await post(postier, `/applications/${applicationId}/time-entries`, {
      date: today,
      hours: 1,
    });
    expect(early.statusCode).toBe(409);

    const lyonList = await get(hrLyon, '/hr/approvals');
    expect(lyonList.statusCode).toBe(200);
    const item = lyonList
      .json()
      .items.find((i: { applicationId: string }) => i.applicationId === applicationId);
    expect(item).toMatchObject({
      mission: { id: missionId, hoursTotal: 40 },
      postier: { firstName: 'Lucie', lastName: 'Martin' },
      remainingQuotaHours: 11,
    });
    const marseilleList = await get(hrMarseille, '/hr/approvals');
    expect(marseilleList.json().items).toEqual([]);
    expect(marseilleList.json().total).toBe(0);

    const foreign = await post(hrMarseille, `/applications/${applicationId}/hr-decision`, {
      decision: 'approved',
      comment: '',
    });
    expect(foreign.statusCode).toBe(404);
    const forbidden = await post(postier, `/applications/${applicationId}/hr-decision`, {
      decision: 'approved',
    });
    expect(forbidden.statusCode).toBe(403);

    const approved = await post(hrLyon, `/applications/${applicationId}/hr-decision`, {
      decision: 'approved',
      comment: 'Bonne mission',
    });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ hrStatus: 'approved', hrComment: 'Bonne mission' });
    const again = await post(hrLyon, `/applications/${applicationId}/hr-decision`, { decision: 'refused' });
    expect(again.statusCode).toBe(409);

    const events = await t.database.db
      .select()
      .from(schema.outbox)
      .where(eq(schema.outbox.eventType, 'application.hr_decided'));
    expect(events.map((e) => e.payload)).toContainEqual({ applicationId });
    const audit = await t.database.db
      .select()
      .from(schema.auditLog)
      .where(eq(schema.auditLog.entityId, applicationId));
    expect(audit).toEqual([
      expect.objectContaining({ action: 'application.hr_approved', actorUserId: hrLyon.id }),
    ]);
  });

  it('applies each hours rule at its edge, each a 422 naming it', async () => {
    const log = (payload: object) => post(postier, `/applications/${applicationId}/time-entries`, payload);
    const expectRule = async (payload: object, code: string, field: string) => {
      const res = await log(payload);
      expect(res.statusCode, JSON.stringify(res.json())).toBe(422);
      expect(res.json()).toMatchObject({ code, errors: [{ field }] });
    };
    await expectRule({ date: shift(today, 1), hours: 1 }, 'TIME_ENTRY_IN_FUTURE', 'body.date');
    await expectRule({ date: shift(today, -11), hours: 1 }, 'TIME_ENTRY_OUTSIDE_MISSION', 'body.date');

    // The mission's first day and today are both fine; 10 h a day exactly is fine, a quarter more is not.
    const first = await log({ date: today, hours: 4, note: 'Atelier du matin' });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ status: 'submitted', hours: 4 });
    const second = await log({ date: today, hours: 6 });
    expect(second.statusCode).toBe(201);
    await expectRule({ date: today, hours: 0.25 }, 'TIME_ENTRY_DAILY_LIMIT', 'body.hours');

    // Quota 11 h: 10 pending, 1 left.
    const start = shift(today, -10);
    await expectRule({ date: start, hours: 1.25 }, 'TIME_ENTRY_QUOTA_EXCEEDED', 'body.hours');
    const last = await log({ date: start, hours: 1 });
    expect(last.statusCode).toBe(201);
    entryIds.push(first.json().id, second.json().id, last.json().id);

    const mine = await get(postier, '/me/time-entries');
    expect(mine.json().quota).toMatchObject({ quota: 11, pending: 11, validated: 0, remaining: 0 });
    expect(mine.json().items).toHaveLength(3);
  });

  it('association confirms its entries only; HR validates in scope, one by one and in bulk', async () => {
    const [a, b, c] = entryIds;
    if (!a || !b || !c) throw new Error('entries missing');
    expect((await post(otherMember, `/time-entries/${a}/confirm`)).statusCode).toBe(404);
    // Submitted, not confirmed: HR cannot validate yet.
    expect((await post(hrLyon, `/time-entries/${a}/validate`)).statusCode).toBe(409);
    for (const id of entryIds)
      expect((await post(member, `/time-entries/${id}/confirm`)).statusCode).toBe(200);

    expect((await post(hrMarseille, `/time-entries/${a}/validate`)).statusCode).toBe(404);
    const marseilleQueue = await get(hrMarseille, '/hr/time-entries?status=confirmed');
    expect(marseilleQueue.json().total).toBe(0);
    const lyonQueue = await get(hrLyon, '/hr/time-entries?status=confirmed');
    expect(lyonQueue.json().total).toBe(3);

    const one = await post(hrLyon, `/time-entries/${a}/validate`);
    expect(one.statusCode).toBe(200);
    expect(one.json().status).toBe('validated');
    const bulk = await post(hrLyon, '/hr/time-entries/validate', { ids: [a, b, c] });
    expect(bulk.statusCode).toBe(200);
    expect(bulk.json()).toEqual({ validated: [b, c], skipped: [{ id: a, reason: 'not_confirmed' }] });
    const foreignBulk = await post(hrMarseille, '/hr/time-entries/validate', { ids: [a] });
    expect(foreignBulk.json().skipped).toEqual([{ id: a, reason: 'not_found' }]);

    const audit = await t.database.db
      .select()
      .from(schema.auditLog)
      .where(eq(schema.auditLog.action, 'time_entry.validated'));
    expect(audit).toHaveLength(3);
    const mine = await get(postier, '/me/time-entries');
    expect(mine.json().quota).toMatchObject({ validated: 11, pending: 0, remaining: 0 });
  });

  it('reports: JSON totals equal the CSV totals; other région sees nothing; statement has no costs', async () => {
    const year = Number(today.slice(0, 4));
    const json = await get(hrLyon, `/hr/reports/hours?year=${year}&groupBy=region`);
    expect(json.statusCode).toBe(200);
    const report = json.json();
    expect(report.totals).toMatchObject({ hours: 11, postiers: 1, valuation: 445.5 });
    expect(report.rows).toEqual([
      { key: '84', label: 'Auvergne-Rhône-Alpes', hours: 11, postiers: 1, valuation: 445.5 },
    ]);

    const csv = await get(hrLyon, `/hr/reports/hours?year=${year}&groupBy=region`, { accept: 'text/csv' });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const raw = csv.rawPayload.toString('utf8');
    expect(raw.charCodeAt(0)).toBe(0xfeff);
    const rows = parseCsv(raw.slice(1));
    expect(rows[0]).toEqual(['Code', 'Région', 'Heures validées', 'Postiers', 'Valorisation (€)']);
    const total = rows.find((r) => r[0] === 'TOTAL');
    expect(frNumber(total?.[2])).toBe(report.totals.hours);
    expect(Number(total?.[3])).toBe(report.totals.postiers);
    expect(frNumber(total?.[4])).toBe(report.totals.valuation);
    const body = rows.slice(1).filter((r) => r[0] !== 'TOTAL');
    expect(body.reduce((s, r) => s + frNumber(r[2]), 0)).toBe(report.totals.hours);

    for (const groupBy of ['businessUnit', 'domain', 'association', 'month']) {
      const other = await get(hrLyon, `/hr/reports/hours?year=${year}&groupBy=${groupBy}`);
      expect(other.json().totals).toEqual(report.totals);
    }
    const foreign = await get(hrMarseille, `/hr/reports/hours?year=${year}&groupBy=region`);
    expect(foreign.json()).toMatchObject({ rows: [], totals: { hours: 0, postiers: 0, valuation: 0 } });

    const statement = await get(member, `/associations/${associationId}/statement?year=${year}`);
    expect(statement.statusCode).toBe(200);
    expect(statement.json()).toMatchObject({
      hours: 11,
      postiers: 1,
      missions: [{ id: missionId, hours: 11 }],
    });
    expect(JSON.stringify(statement.json())).not.toMatch(/valuation|cost/i);
    expect((await get(otherMember, `/associations/${associationId}/statement?year=${year}`)).statusCode).toBe(
      404,
    );
    expect((await get(hrLyon, `/associations/${associationId}/statement?year=${year}`)).statusCode).toBe(403);
  });

  it('exports my data, then erasure: no login, no personal field, reports keep the hours', async () => {
    const exported = await get(postier, '/me/export');
    expect(exported.statusCode).toBe(200);
    const data = exported.json();
    expect(data.account).toMatchObject({ id: postier.id, email: postier.email, firstName: 'Lucie' });
    expect(data.profile).toMatchObject({ businessUnitId: unitId, communeCode: LYON });
    expect(data.applications).toEqual([expect.objectContaining({ id: applicationId, missionId })]);
    expect(data.timeEntries).toHaveLength(3);
    expect(data.notificationPreferences).not.toBeNull();
    expect(data.auditLog.length).toBeGreaterThan(0);

    const erased = await t.app.inject({ method: 'DELETE', url: '/api/v1/me', headers: postier.auth });
    expect(erased.statusCode).toBe(200);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: postier.email, password: TEST_PASSWORD },
    });
    expect(login.statusCode).toBe(401);

    const [user] = await t.database.db.select().from(schema.users).where(eq(schema.users.id, postier.id));
    expect(user).toMatchObject({
      email: `erased-${postier.id}@invalid`,
      firstName: 'Compte supprimé',
      lastName: 'Compte supprimé',
      passwordHash: null,
      status: 'erased',
    });
    const stored = JSON.stringify(
      await t.database.db
        .select()
        .from(schema.applications)
        .where(eq(schema.applications.postierId, postier.id)),
    );
    expect(stored).not.toContain('collègues');
    expect(stored).not.toContain('Bonne mission');
    const notes = await t.database.db.select({ note: schema.timeEntries.note }).from(schema.timeEntries);
    expect(notes.every((n) => n.note === '')).toBe(true);

    const year = Number(today.slice(0, 4));
    for (const who of [hrLyon, admin]) {
      const report = await get(who, `/hr/reports/hours?year=${year}&groupBy=month`);
      expect(report.json().totals).toMatchObject({ hours: 11, postiers: 1 });
    }
  });
});
