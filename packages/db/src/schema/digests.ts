import { sql } from 'drizzle-orm';
import { bigint, check, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, inList } from './helpers';
import { users } from './users';

/** Which preference holds an item back: `notification_preferences.recommendations` or `.activity`. */
export const DIGEST_CHANNELS = ['recommendations', 'activity'] as const;
export type DigestChannel = (typeof DIGEST_CHANNELS)[number];

/**
 * Notifications held back for a daily or weekly digest, because the recipient chose so.
 * The notifier writes one row per (event, recipient, template), with the same key an immediate
 * email would have had, so a retried job never holds the same news twice. A digest claims the
 * rows it gathers by writing its own delivery key in `digest_key`: a digest that is retried
 * after a crash finds exactly the items it had claimed.
 */
export const digestItems = pgTable(
  'digest_items',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    channel: text('channel').notNull(),
    /** Outbox event that produced the item. */
    eventId: bigint('event_id', { mode: 'number' }),
    dedupeKey: text('dedupe_key').notNull(),
    template: text('template').notNull(),
    /** A section of the digest (`DigestItemKind` of @passerelle/mail). */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    /** A path on the site (`/missions/…`), resolved against PUBLIC_URL when the digest renders. */
    url: text('url'),
    /** Dedupe key of the digest delivery that gathered the item; null while it waits. */
    digestKey: text('digest_key'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('digest_items_dedupe_idx').on(t.dedupeKey),
    index('digest_items_waiting_idx').on(t.userId, t.createdAt).where(sql`${t.digestKey} is null`),
    index('digest_items_digest_key_idx').on(t.digestKey),
    check('digest_items_channel_check', sql`${t.channel} in (${inList(DIGEST_CHANNELS)})`),
  ],
);
