import type { DbOrTx } from './client';
import { outbox } from './schema/index';

/** Payloads carry ids only (Redis keeps them in clear): the type allows nothing else. */
export type OutboxPayload = Record<string, string | number | boolean | null | string[]>;

export async function writeOutbox(tx: DbOrTx, eventType: string, payload: OutboxPayload): Promise<number> {
  const [row] = await tx.insert(outbox).values({ eventType, payload }).returning({ id: outbox.id });
  if (!row) throw new Error('outbox insert returned no row');
  return row.id;
}
