import { type DbOrTx, schema } from '@passerelle/db';
import { eq, inArray } from 'drizzle-orm';
import { AppError, type FieldError, unprocessable } from '../../lib/errors';

const { communes, domains, skills, businessUnits } = schema;

/**
 * Checks that a writer's references exist before the insert, so the client learns which field is
 * wrong (a foreign key violation would only say "something", as a 500).
 */
export async function assertCommuneExists(db: DbOrTx, code: string, field: string): Promise<string> {
  const [row] = await db.select({ name: communes.name }).from(communes).where(eq(communes.code, code));
  if (!row) throw unprocessable('UNKNOWN_COMMUNE', field, `No commune has the INSEE code ${code}`);
  return row.name;
}

export async function assertBusinessUnitExists(db: DbOrTx, id: string, field: string): Promise<void> {
  const [row] = await db.select({ id: businessUnits.id }).from(businessUnits).where(eq(businessUnits.id, id));
  if (!row) throw unprocessable('UNKNOWN_BUSINESS_UNIT', field, 'No business unit has this id');
}

/**
 * Every code of a list must exist and appear once. `fieldOf(i)` names the offending entry
 * (`body.skills.3.code`, `body.domains.1`); all the bad entries are reported at once.
 */
export async function assertCodesExist(
  db: DbOrTx,
  kind: 'skill' | 'domain',
  codes: readonly string[],
  fieldOf: (index: number) => string,
): Promise<void> {
  if (codes.length === 0) return;
  const table = kind === 'skill' ? skills : domains;
  const found = await db
    .select({ code: table.code })
    .from(table)
    .where(inArray(table.code, [...new Set(codes)]));
  const known = new Set(found.map((row) => row.code));
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  codes.forEach((code, index) => {
    if (!known.has(code)) errors.push({ field: fieldOf(index), message: `unknown ${kind} code "${code}"` });
    else if (seen.has(code))
      errors.push({ field: fieldOf(index), message: `${kind} "${code}" is listed twice` });
    seen.add(code);
  });
  if (errors.length > 0) {
    const unknown = errors.some((e) => e.message.startsWith('unknown'));
    throw new AppError(
      unknown ? `UNKNOWN_${kind.toUpperCase()}` : `DUPLICATE_${kind.toUpperCase()}`,
      422,
      'Unprocessable Content',
      errors.map((e) => `${e.field}: ${e.message}`).join('; '),
      errors,
    );
  }
}
