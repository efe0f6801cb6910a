import { type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { decodeCursor as decodeKeyset, encodeCursor as encodeKeyset, invalidCursor } from './keyset-cursor';

/**
 * Keyset pagination over (timestamp, id). The cursor carries the timestamp in microseconds since
 * the epoch, as PostgreSQL stores it: a JavaScript Date keeps milliseconds only, and rows created in
 * the same millisecond would be skipped or repeated between pages.
 */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
};

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable(), total: z.number().int() });

export interface Position {
  /** The row's timestamp in microseconds since the epoch. */
  t: number;
  i: string;
}

export function encodeCursor(position: Position): string {
  return encodeKeyset({ key: String(position.t), id: position.i });
}

export function decodeCursor(raw: string): Position {
  const { key, id } = decodeKeyset(raw);
  const t = Number(key);
  if (!/^\d+$/.test(key) || !Number.isSafeInteger(t)) throw invalidCursor();
  return { t, i: id };
}

/** The column's value in microseconds since the epoch, to select alongside each row. */
export const micros = (column: PgColumn) => sql<number>`(extract(epoch from ${column}) * 1000000)::bigint`;

/** Rows strictly after the cursor in `(column, id) direction` order. */
export function after(column: PgColumn, id: PgColumn, position: Position, direction: 'asc' | 'desc'): SQL {
  const at = sql`timestamptz 'epoch' + ${position.t}::bigint * interval '1 microsecond'`;
  return direction === 'desc'
    ? sql`(${column}, ${id}) < (${at}, ${position.i}::uuid)`
    : sql`(${column}, ${id}) > (${at}, ${position.i}::uuid)`;
}

/** Cuts the `limit + 1` rows fetched into a page and the cursor of the next one. */
export function toPage<R extends { id: string; position: number }>(rows: R[], limit: number) {
  const kept = rows.slice(0, limit);
  const last = kept[kept.length - 1];
  const nextCursor = rows.length > limit && last ? encodeCursor({ t: last.position, i: last.id }) : null;
  return { rows: kept, nextCursor };
}
