import { type DbOrTx, schema } from '@passerelle/db';

/** Who did what to which object, in the transaction of the change. */
export async function audit(
  tx: DbOrTx,
  entry: {
    actorUserId: string;
    action: string;
    entityType: string;
    entityId: string;
    details?: Record<string, unknown>;
  },
) {
  await tx.insert(schema.auditLog).values({ ...entry, details: entry.details ?? {} });
}
