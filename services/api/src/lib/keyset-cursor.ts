import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AppError } from './errors';

/**
 * A keyset cursor: the last row's sort key (as PostgreSQL printed it, so a timestamp keeps its
 * microseconds and a rank its exact digits) and its id, which breaks ties. `f` fingerprints the
 * query the cursor was made for, for lists with filters or sorts: the same cursor under others
 * would page through a different order, so it is refused instead. Lists with one fixed order
 * leave it empty.
 */
const cursorShape = z.object({ k: z.string().min(1).max(100), i: z.uuid(), f: z.string().max(32) });

export interface Cursor {
  key: string;
  id: string;
}

export function queryFingerprint(query: Record<string, unknown>): string {
  const relevant = Object.entries(query)
    .filter(([name, value]) => name !== 'cursor' && name !== 'limit' && value !== undefined)
    .sort(([a], [b]) => a.localeCompare(b));
  return createHash('sha256').update(JSON.stringify(relevant)).digest('base64url').slice(0, 16);
}

export function encodeCursor(cursor: Cursor, fingerprint = ''): string {
  return Buffer.from(JSON.stringify({ k: cursor.key, i: cursor.id, f: fingerprint })).toString('base64url');
}

export const invalidCursor = (detail = 'The cursor is not valid') =>
  new AppError('INVALID_CURSOR', 400, 'Bad Request', detail, [
    { field: 'query.cursor', message: 'not a cursor returned by this list with these filters' },
  ]);

export function decodeCursor(raw: string, fingerprint = ''): Cursor {
  let parsed: z.infer<typeof cursorShape>;
  try {
    parsed = cursorShape.parse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
  } catch {
    throw invalidCursor();
  }
  if (parsed.f !== fingerprint) throw invalidCursor('The cursor was made for other filters or another sort');
  return { key: parsed.k, id: parsed.i };
}
