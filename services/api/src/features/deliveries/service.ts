import { type Database, schema, writeOutbox } from '@passerelle/db';
import type { DeliveryStatus } from '@passerelle/domain';
import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import { AppError, notFound } from '../../lib/errors';
import { after, decodeCursor, micros, toPage } from '../../lib/pagination';

const { emailDeliveries, outbox, users, auditLog } = schema;

/** Deliveries, newest first, optionally of one status (`failed`: what needs an admin). */
export async function listDeliveries(
  db: Database,
  query: { limit: number; cursor?: string; status?: DeliveryStatus },
) {
  const position = query.cursor ? decodeCursor(query.cursor) : undefined;
  const filter = query.status ? eq(emailDeliveries.status, query.status) : undefined;
  const conditions: SQL[] = [];
  if (filter) conditions.push(filter);
  if (position) conditions.push(after(emailDeliveries.createdAt, emailDeliveries.id, position, 'desc'));
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: emailDeliveries.id,
        status: emailDeliveries.status,
        template: emailDeliveries.template,
        eventId: emailDeliveries.eventId,
        eventType: outbox.eventType,
        dedupeKey: emailDeliveries.dedupeKey,
        messageId: emailDeliveries.messageId,
        recipientUserId: emailDeliveries.recipientUserId,
        recipientEmail: users.email,
        attempts: emailDeliveries.attempts,
        lastError: emailDeliveries.lastError,
        sentAt: emailDeliveries.sentAt,
        createdAt: emailDeliveries.createdAt,
        updatedAt: emailDeliveries.updatedAt,
        position: micros(emailDeliveries.createdAt),
      })
      .from(emailDeliveries)
      .leftJoin(outbox, eq(outbox.id, emailDeliveries.eventId))
      .leftJoin(users, eq(users.id, emailDeliveries.recipientUserId))
      .where(and(...conditions))
      .orderBy(desc(emailDeliveries.createdAt), desc(emailDeliveries.id))
      .limit(query.limit + 1),
    db.select({ n: count() }).from(emailDeliveries).where(filter),
  ]);
  const page = toPage(
    rows.map((row) => ({ ...row, position: Number(row.position) })),
    query.limit,
  );
  return {
    items: page.rows.map(({ position: _position, ...row }) => ({
      ...row,
      // The column's CHECK constraint holds it to DELIVERY_STATUSES.
      status: row.status as DeliveryStatus,
      sentAt: row.sentAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    })),
    nextCursor: page.nextCursor,
    total: total?.n ?? 0,
  };
}

/**
 * Puts a delivery back to pending and asks the notifier, through the outbox, to send it again
 * (same key, same Message-ID, fresh data and tokens). Refused once it was sent: sending it again
 * is what the delivery rows exist to prevent.
 */
export async function retryDelivery(db: Database, actorId: string, deliveryId: string) {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({ status: emailDeliveries.status })
      .from(emailDeliveries)
      .where(eq(emailDeliveries.id, deliveryId))
      .for('update');
    if (!current) throw notFound('Delivery');
    if (current.status === 'sent') {
      throw new AppError('DELIVERY_ALREADY_SENT', 409, 'Conflict', 'This email was already sent');
    }
    await tx
      .update(emailDeliveries)
      .set({ status: 'pending', updatedAt: new Date() })
      .where(eq(emailDeliveries.id, deliveryId));
    await tx.insert(auditLog).values({
      actorUserId: actorId,
      action: 'delivery.retry',
      entityType: 'email_delivery',
      entityId: deliveryId,
      details: { from: current.status },
    });
    const eventId = await writeOutbox(tx, 'delivery.retry', { deliveryId });
    return { id: deliveryId, status: 'pending' as const, eventId };
  });
}
