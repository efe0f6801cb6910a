import type { Database, Tx } from './client';

/** One place where writes open a transaction, so a verb never half-writes. */
export function withTransaction<T>(db: Database, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(fn);
}
