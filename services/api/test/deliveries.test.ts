import { randomUUID } from 'node:crypto';
import { schema } from '@passerelle/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from './factories';
import { buildTestApp, type TestApp } from './helpers';

describe('admin: email deliveries', () => {
  let t: TestApp;
  let admin: TestUser;
  let recipient: TestUser;
  const failed: string[] = [];
  let sent: string;

  beforeAll(async () => {
    t = await buildTestApp();
    admin = await createUser(t.app, 'admin');
    recipient = await createUser(t.app, 'postier');
    // What the notifier leaves behind: some failed for good (a 5xx), one sent.
    for (let i = 0; i < 5; i++) {
      const id = randomUUID();
      failed.push(id);
      await t.database.db.insert(schema.emailDeliveries).values({
        id,
        eventId: 1_000 + i,
        dedupeKey: `${1_000 + i}:${recipient.id}:account.verify-email`,
        recipientUserId: recipient.id,
        template: 'account.verify-email',
        status: 'failed',
        messageId: `<${id}@passerelle>`,
        attempts: 1,
        lastError: 'EENVELOPE: 550 Mailbox unavailable',
        createdAt: new Date(Date.now() - (5 - i) * 1_000),
      });
    }
    sent = randomUUID();
    await t.database.db.insert(schema.emailDeliveries).values({
      id: sent,
      eventId: 2_000,
      dedupeKey: `2000:${recipient.id}:account.password-reset`,
      recipientUserId: recipient.id,
      template: 'account.password-reset',
      status: 'sent',
      messageId: `<${sent}@passerelle>`,
      attempts: 1,
      sentAt: new Date(),
    });
  });
  afterAll(() => t.close());

  it('is for admins only', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/admin/deliveries' });
    expect(anonymous.statusCode).toBe(401);
    const postier = await t.app.inject({
      method: 'GET',
      url: '/api/v1/admin/deliveries?status=failed',
      headers: recipient.auth,
    });
    expect(postier.statusCode).toBe(403);
    const retry = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/deliveries/${failed[0]}/retry`,
      headers: recipient.auth,
    });
    expect(retry.statusCode).toBe(403);
  });

  it('lists failed deliveries newest first, page by page, with the reason and the recipient', async () => {
    const first = await t.app.inject({
      method: 'GET',
      url: '/api/v1/admin/deliveries?status=failed&limit=2',
      headers: admin.auth,
    });
    expect(first.statusCode).toBe(200);
    const page = first.json();
    expect(page.total).toBe(5);
    expect(page.items.map((d: { id: string }) => d.id)).toEqual([failed[4], failed[3]]);
    expect(page.items[0]).toMatchObject({
      status: 'failed',
      template: 'account.verify-email',
      attempts: 1,
      lastError: 'EENVELOPE: 550 Mailbox unavailable',
      recipientUserId: recipient.id,
      recipientEmail: recipient.email,
      eventId: 1_004,
      sentAt: null,
    });
    const ids: string[] = page.items.map((d: { id: string }) => d.id);
    let cursor: string | null = page.nextCursor;
    while (cursor) {
      const next = await t.app.inject({
        method: 'GET',
        url: `/api/v1/admin/deliveries?status=failed&limit=2&cursor=${cursor}`,
        headers: admin.auth,
      });
      ids.push(...next.json().items.map((d: { id: string }) => d.id));
      cursor = next.json().nextCursor;
    }
    expect(ids).toEqual([...failed].reverse());

    const all = await t.app.inject({ method: 'GET', url: '/api/v1/admin/deliveries', headers: admin.auth });
    expect(all.json().total).toBe(6);
    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/v1/admin/deliveries?status=lost',
      headers: admin.auth,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('query.status');
  });

  it('retries a failed delivery through the outbox, and refuses to send a sent one again', async () => {
    const id = failed[0] ?? '';
    const retried = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/deliveries/${id}/retry`,
      headers: admin.auth,
    });
    expect(retried.statusCode).toBe(202);
    expect(retried.json()).toMatchObject({ id, status: 'pending', eventId: expect.any(Number) });
    const [row] = await t.database.db
      .select({ status: schema.emailDeliveries.status })
      .from(schema.emailDeliveries)
      .where(eq(schema.emailDeliveries.id, id));
    expect(row?.status).toBe('pending');
    const events = await t.database.db
      .select({ payload: schema.outbox.payload })
      .from(schema.outbox)
      .where(
        and(eq(schema.outbox.eventType, 'delivery.retry'), eq(schema.outbox.id, retried.json().eventId)),
      );
    expect(events).toEqual([{ payload: { deliveryId: id } }]);
    const audit = await t.database.db
      .select({ actor: schema.auditLog.actorUserId, action: schema.auditLog.action })
      .from(schema.auditLog)
      .where(eq(schema.auditLog.entityId, id));
    expect(audit).toEqual([{ actor: admin.id, action: 'delivery.retry' }]);

    const already = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/deliveries/${sent}/retry`,
      headers: admin.auth,
    });
    expect(already.statusCode).toBe(409);
    expect(already.json().code).toBe('DELIVERY_ALREADY_SENT');
    const missing = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/deliveries/${randomUUID()}/retry`,
      headers: admin.auth,
    });
    expect(missing.statusCode).toBe(404);
    const notUuid = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/deliveries/42/retry',
      headers: admin.auth,
    });
    expect(notUuid.statusCode).toBe(400);
  });
});
