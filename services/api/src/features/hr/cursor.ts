import { z } from 'zod';
import { AppError } from '../../lib/errors';

/** Keyset cursor: the last row's sort key as PostgreSQL printed it (keeps microseconds) and its id. */
const shape = z.object({ k: z.string().min(1).max(100), i: z.uuid() });

export interface Cursor {
  key: string;
  id: string;
}

export const encodeCursor = (cursor: Cursor) =>
  Buffer.from(JSON.stringify({ k: cursor.key, i: cursor.id })).toString('base64url');

export function decodeCursor(raw: string | undefined): Cursor | undefined {
  if (raw === undefined) return undefined;
  try {
    const parsed = shape.parse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
    return { key: parsed.k, id: parsed.i };
  } catch {
    throw new AppError('INVALID_CURSOR', 400, 'Bad Request', 'The cursor is not valid', [
      { field: 'query.cursor', message: 'not a cursor returned by this list' },
    ]);
  }
}
