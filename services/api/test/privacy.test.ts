import { eraseAccount, inactivityStep, purgeInactiveAccounts, schema } from '@passerelle/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, TEST_PASSWORD } from './factories';
import { buildTestApp, type TestApp } from './helpers';

const DAY = 24 * 3600_000;
const now = new Date('2026-06-15T03:00:00Z');
const yearsBefore = (date: Date, years: number) => {
  const d = new Date(date.getTime());
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d;
};
/** Last active so that the 3 years end `days` from now. */
const erasableIn = (days: number) => new Date(yearsBefore(now, 3).getTime() + days * DAY);

describe('inactivity rule (pure)', () => {
  const step = (days: number, remindersSent: number) =>
    inactivityStep({ lastActiveAt: erasableIn(days), remindersSent, now });

  it('reminds at 3 years − 60 days, again at − 30 days, erases at 3 years, at the edges', () => {
    expect(step(61, 0)).toEqual({ kind: 'none' });
    expect(step(60, 0)).toEqual({ kind: 'remind', reminderNumber: 1 });
    expect(step(31, 1)).toEqual({ kind: 'none' });
    expect(step(30, 1)).toEqual({ kind: 'remind', reminderNumber: 2 });
    expect(step(1, 2)).toEqual({ kind: 'none' });
    expect(step(0, 2)).toEqual({ kind: 'erase' });
    // Never erased without both reminders: a late run sends the missing one first.
    expect(step(-100, 0)).toEqual({ kind: 'remind', reminderNumber: 1 });
    expect(step(-100, 1)).toEqual({ kind: 'remind', reminderNumber: 2 });
    // Active again: the reminders count starts over.
    expect(step(400, 2)).toEqual({ kind: 'reset' });
  });
});

describe('purgeInactiveAccounts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('sends two reminders, then erases; an active account is left alone', async () => {
    const db = t.database.db;
    const sleeper = await createUser(t.app, 'postier');
    const active = await createUser(t.app, 'postier');
    await db
      .update(schema.users)
      .set({ lastActiveAt: erasableIn(60) })
      .where(eq(schema.users.id, sleeper.id));
    const run = (at: Date) => purgeInactiveAccounts(db, at);

    const first = await run(now);
    expect(first.reminded).toEqual([{ userId: sleeper.id, reminderNumber: 1 }]);
    expect((await run(now)).reminded).toEqual([]); // idempotent
    const second = await run(new Date(now.getTime() + 30 * DAY));
    expect(second.reminded).toEqual([{ userId: sleeper.id, reminderNumber: 2 }]);
    expect((await run(new Date(now.getTime() + 59 * DAY))).erased).toEqual([]);
    const last = await run(new Date(now.getTime() + 60 * DAY));
    expect(last.erased).toEqual([sleeper.id]);

    const events = await db
      .select()
      .from(schema.outbox)
      .where(eq(schema.outbox.eventType, 'account.inactivity_reminder'));
    expect(events.map((e) => e.payload)).toEqual([
      { userId: sleeper.id, reminderNumber: 1 },
      { userId: sleeper.id, reminderNumber: 2 },
    ]);
    const [erased] = await db.select().from(schema.users).where(eq(schema.users.id, sleeper.id));
    expect(erased).toMatchObject({
      status: 'erased',
      passwordHash: null,
      email: `erased-${sleeper.id}@invalid`,
    });
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: sleeper.email, password: TEST_PASSWORD },
    });
    expect(login.statusCode).toBe(401);
    const [kept] = await db.select().from(schema.users).where(eq(schema.users.id, active.id));
    expect(kept).toMatchObject({ status: 'active', inactivityRemindersSent: 0 });
  });

  it('DELETE /me still erases through the shared verb', async () => {
    const user = await createUser(t.app, 'association');
    const res = await t.app.inject({ method: 'DELETE', url: '/api/v1/me', headers: user.auth });
    expect(res.statusCode).toBe(200);
    const [row] = await t.database.db.select().from(schema.users).where(eq(schema.users.id, user.id));
    expect(row).toMatchObject({ status: 'erased', firstName: 'Compte supprimé' });
  });

  it('refuses at once the token of an account just erased, on every route', async () => {
    const user = await createUser(t.app, 'postier');
    const preferences = '/api/v1/me/notification-preferences';
    const before = await t.app.inject({ method: 'GET', url: preferences, headers: user.auth });
    expect(before.statusCode).toBe(200);
    const erased = await t.app.inject({ method: 'DELETE', url: '/api/v1/me', headers: user.auth });
    expect(erased.statusCode).toBe(200);

    // The same token, still within its 15 minutes: it must not write personal data back.
    const write = await t.app.inject({
      method: 'PUT',
      url: preferences,
      headers: user.auth,
      payload: { recommendations: 'daily', activity: 'weekly' },
    });
    expect(write.statusCode).toBe(401);
    expect(write.json()).toMatchObject({ status: 401, detail: 'This account is no longer active' });
    const rows = await t.database.db
      .select()
      .from(schema.notificationPreferences)
      .where(eq(schema.notificationPreferences.userId, user.id));
    expect(rows).toEqual([]);
    for (const url of [preferences, '/api/v1/me/recommendations', '/api/v1/me/applications']) {
      const res = await t.app.inject({ method: 'GET', url, headers: user.auth });
      expect(res.statusCode, url).toBe(401);
    }
  });

  it('refuses within seconds the token of an account erased by another process', async () => {
    const user = await createUser(t.app, 'postier');
    const preferences = '/api/v1/me/notification-preferences';
    const get = () => t.app.inject({ method: 'GET', url: preferences, headers: user.auth });
    expect((await get()).statusCode).toBe(200);
    // As the notifier's inactivity purge does it: straight in the database, this api not told.
    await t.database.db.transaction((tx) =>
      eraseAccount(tx, user.id, { now: new Date(), actorUserId: null, reason: 'inactivity' }),
    );
    const started = Date.now();
    let status = (await get()).statusCode;
    while (status === 200 && Date.now() - started < 8_000) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      status = (await get()).statusCode;
    }
    expect(status).toBe(401);
    expect(Date.now() - started).toBeLessThan(6_000);
  });
});
