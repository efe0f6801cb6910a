import { schema, writeOutbox } from '@passerelle/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifySmtpError } from '../src/transport';
import { createAssociation, createUser } from './fixtures';
import { deliveriesOf, eventProcessed, type Harness, startHarness, to, waitUntil } from './harness';

describe('notifier: delivery against a real SMTP server', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());

  it('sorts SMTP failures: 5xx is final, 4xx, connection losses and authentication are not', () => {
    expect(
      classifySmtpError({ responseCode: 550, code: 'EENVELOPE', response: '550 Mailbox unavailable' }),
    ).toEqual({
      kind: 'permanent',
      responseCode: 550,
      reason: 'EENVELOPE: 550 Mailbox unavailable',
    });
    expect(classifySmtpError({ responseCode: 451, code: 'EENVELOPE' }).kind).toBe('temporary');
    expect(
      classifySmtpError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNECTION' })).kind,
    ).toBe('temporary');
    expect(classifySmtpError({ responseCode: 535, code: 'EAUTH' }).kind).toBe('temporary');
  });

  it('marks a permanently rejected delivery failed after one try, and an admin retry sends it', async () => {
    const user = await createUser(h.database.db, 'postier', { verified: false });
    h.sink.setRecipientPolicy((address) => (address === user.email ? 'permanent' : 'accept'));
    const eventId = await writeOutbox(h.database.db, 'user.registered', { userId: user.id });
    const job = await eventProcessed(h, eventId);
    expect(await job?.getState()).toBe('failed');
    expect(job?.attemptsMade).toBe(1);
    expect(job?.failedReason).toMatch(/SMTP 550, not retried/);
    // No address in what reaches the logs and Redis.
    expect(job?.failedReason).not.toContain(user.email);
    const [failed] = await deliveriesOf(h, user.id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed?.lastError).toContain('550');
    expect(h.sink.messages.filter(to(user.email))).toEqual([]);

    // What POST /admin/deliveries/:id/retry does: back to pending, and an outbox event.
    h.sink.setRecipientPolicy(() => 'accept');
    await h.database.db
      .update(schema.emailDeliveries)
      .set({ status: 'pending' })
      .where(eq(schema.emailDeliveries.id, failed?.id ?? ''));
    await writeOutbox(h.database.db, 'delivery.retry', { deliveryId: failed?.id ?? '' });
    const mail = await h.sink.waitFor(to(user.email));
    expect(mail.messageId).toBe(failed?.messageId);
    const [sent] = await waitUntil(async () => {
      const rows = await deliveriesOf(h, user.id);
      return rows[0]?.status === 'sent' ? rows : undefined;
    });
    expect(sent).toMatchObject({ id: failed?.id, attempts: 2, lastError: null });
  });

  it('retries a temporary rejection with backoff, then delivers once', async () => {
    const user = await createUser(h.database.db, 'postier');
    let refusals = 0;
    h.sink.setRecipientPolicy((address) => {
      if (address !== user.email || refusals >= 2) return 'accept';
      refusals += 1;
      return 'temporary';
    });
    const started = Date.now();
    const eventId = await writeOutbox(h.database.db, 'password_reset.requested', { userId: user.id });
    await h.sink.waitFor(to(user.email), 20_000);
    // Exponential backoff from 1 s: 1 s, then 2 s.
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_900);
    const job = await eventProcessed(h, eventId);
    expect(await job?.getState()).toBe('completed');
    expect(job?.attemptsMade).toBe(3);
    const [delivery] = await deliveriesOf(h, user.id);
    expect(delivery).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
    expect(h.sink.messages.filter(to(user.email))).toHaveLength(1);
    h.sink.setRecipientPolicy(() => 'accept');
  });

  it('sends to every other member when one mailbox refuses for good, and fails the job once', async () => {
    const refusing = await createUser(h.database.db, 'association');
    const fine = await createUser(h.database.db, 'association');
    const association = await createAssociation(h.database.db, { members: [refusing, fine] });
    h.sink.setRecipientPolicy((address) => (address === refusing.email ? 'permanent' : 'accept'));
    const eventId = await writeOutbox(h.database.db, 'association.labelled', {
      associationId: association.id,
    });
    const job = await eventProcessed(h, eventId);
    expect(await job?.getState()).toBe('failed');
    expect(job?.attemptsMade).toBe(1);
    await h.sink.waitFor(to(fine.email));
    expect((await deliveriesOf(h, fine.id))[0]?.status).toBe('sent');
    expect((await deliveriesOf(h, refusing.id))[0]?.status).toBe('failed');
    h.sink.setRecipientPolicy(() => 'accept');
  });

  it('honours "never" for recommendations and caps them per month', async () => {
    const association = await createAssociation(h.database.db);
    const unsubscribed = await createUser(h.database.db, 'postier', { recommendations: 'never' });
    const busy = await createUser(h.database.db, 'postier', { recommendations: 'immediate' });
    await h.database.db.insert(schema.settings).values({ key: 'monthly_solicitation_cap', value: '4' });
    const missions: string[] = [];
    for (let i = 0; i < 5; i++) {
      const [mission] = await h.database.db
        .insert(schema.missions)
        .values({
          associationId: association.id,
          title: `Mission ${i + 1}`,
          description: 'Description',
          domainCode: 'handicap',
          mode: 'remote',
          startDate: '2026-01-01',
          endDate: '2027-12-31',
          hoursTotal: 10,
          status: 'published',
        })
        .returning({ id: schema.missions.id });
      if (!mission) throw new Error('mission insert failed');
      missions.push(mission.id);
      for (const [rank, postier] of [unsubscribed, busy].entries()) {
        await h.database.db
          .insert(schema.matches)
          .values({ missionId: mission.id, postierId: postier.id, rank: rank + 1, score: 0.7, reasons: [] });
      }
    }
    for (const missionId of missions) {
      await eventProcessed(h, await writeOutbox(h.database.db, 'matches.ready', { missionId }));
    }
    expect(h.sink.messages.filter(to(unsubscribed.email))).toEqual([]);
    // Four emails this month; the fifth recommendation waits for the next digest.
    expect(h.sink.messages.filter(to(busy.email))).toHaveLength(4);
    const held = await h.database.db
      .select({ kind: schema.digestItems.kind, title: schema.digestItems.title })
      .from(schema.digestItems)
      .where(eq(schema.digestItems.userId, busy.id));
    expect(held).toHaveLength(1);
    expect(held[0]?.kind).toBe('recommendation');
  });
});
