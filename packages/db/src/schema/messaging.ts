import { DELIVERY_STATUSES } from '@passerelle/domain';
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, inList } from './helpers';
import { users } from './users';

/**
 * Transactional outbox: written in the same transaction as the state change it announces.
 * The payload holds ids only: it is copied into Redis, which stores it in clear.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    eventType: text('event_type').notNull(),
    payload: jsonb('payload').notNull(),
    createdAt: createdAt(),
    dispatchedAt: timestamp('dispatched_at', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
  },
  (t) => [
    // The relay only ever scans what is still waiting.
    index('outbox_undispatched_idx').on(t.id).where(sql`${t.dispatchedAt} is null`),
  ],
);

export const emailDeliveries = pgTable(
  'email_deliveries',
  {
    id: id(),
    /** Outbox event that caused this email (null for digests, keyed by period instead). */
    eventId: bigint('event_id', { mode: 'number' }),
    /** (event or period, recipient, template): a retried job finds the row and does not send twice. */
    dedupeKey: text('dedupe_key').notNull(),
    recipientUserId: uuid('recipient_user_id').references(() => users.id, { onDelete: 'set null' }),
    template: text('template').notNull(),
    status: text('status').notNull().default('pending'),
    messageId: text('message_id').notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('email_deliveries_dedupe_idx').on(t.dedupeKey),
    index('email_deliveries_status_idx').on(t.status, t.createdAt),
    check('email_deliveries_status_check', sql`${t.status} in (${inList(DELIVERY_STATUSES)})`),
  ],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: id(),
    actorUserId: uuid('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    details: jsonb('details').notNull().default(sql`'{}'::jsonb`),
    createdAt: createdAt(),
  },
  (t) => [
    index('audit_log_entity_idx').on(t.entityType, t.entityId),
    index('audit_log_created_idx').on(t.createdAt),
  ],
);
