import { type DbOrTx, schema } from '@passerelle/db';
import { eq, inArray } from 'drizzle-orm';
import { AppError, type FieldError } from '../../lib/errors';

const { communes, domains, skills } = schema;

/** The mission as it will be stored, after a PATCH is merged onto it. */
export interface MissionFields {
  domainCode: string;
  skillCodes: string[];
  communeCode: string | null;
  mode: string;
  startDate: string;
  endDate: string;
}

/** Today's date in France: a mission ending "today" is still on until midnight in Paris, not in UTC. */
export function parisToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(now);
}

/**
 * The rules no schema can check alone: references that must exist and fields judged together.
 * Only the fields the request touched are checked against the clock (`checkEndDate`), so editing
 * the title of a mission that ends today is not refused.
 */
export async function checkMissionRules(
  db: DbOrTx,
  mission: MissionFields,
  options: { today: string; checkEndDate: boolean; touched: ReadonlySet<string> },
): Promise<void> {
  const errors: FieldError[] = [];
  const { touched } = options;

  if (mission.mode !== 'remote' && !mission.communeCode) {
    errors.push({ field: 'body.communeCode', message: 'required unless the mission is remote' });
  }
  if (mission.startDate > mission.endDate) {
    errors.push({
      field: touched.has('endDate') ? 'body.endDate' : 'body.startDate',
      message: 'the mission ends before it starts',
    });
  }
  if (options.checkEndDate && mission.endDate < options.today) {
    errors.push({ field: 'body.endDate', message: 'is in the past' });
  }
  if (touched.has('domainCode')) {
    const [domain] = await db
      .select({ code: domains.code })
      .from(domains)
      .where(eq(domains.code, mission.domainCode));
    if (!domain) errors.push({ field: 'body.domainCode', message: 'unknown domain of action' });
  }
  if (touched.has('communeCode') && mission.communeCode) {
    const [commune] = await db
      .select({ code: communes.code })
      .from(communes)
      .where(eq(communes.code, mission.communeCode));
    if (!commune) errors.push({ field: 'body.communeCode', message: 'unknown commune' });
  }
  if (touched.has('skills')) {
    const known = await db
      .select({ code: skills.code })
      .from(skills)
      .where(inArray(skills.code, mission.skillCodes));
    const knownCodes = new Set(known.map((s) => s.code));
    mission.skillCodes.forEach((code, index) => {
      if (!knownCodes.has(code))
        errors.push({ field: `body.skills.${index}.code`, message: 'unknown skill' });
    });
  }

  if (errors.length > 0) {
    throw new AppError(
      'MISSION_INVALID',
      422,
      'Unprocessable Content',
      errors.map((e) => `${e.field}: ${e.message}`).join('; '),
      errors,
    );
  }
}
