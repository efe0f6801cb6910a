import { type DbOrTx, schema } from '@passerelle/db';
import type { ApplicationStatus, HrStatus } from '@passerelle/domain';
import { eq } from 'drizzle-orm';
import { notFound } from '../../lib/errors';
import type { ApplicationResponse } from './schemas';

const { applications } = schema;

/** The columns every application answer shows, for `select(applicationColumns)`. */
export const applicationColumns = {
  id: applications.id,
  missionId: applications.missionId,
  status: applications.status,
  hrStatus: applications.hrStatus,
  motivation: applications.motivation,
  decisionReason: applications.decisionReason,
  decidedAt: applications.decidedAt,
  createdAt: applications.createdAt,
  updatedAt: applications.updatedAt,
};

interface ApplicationRow {
  id: string;
  missionId: string;
  status: string;
  hrStatus: string | null;
  motivation: string;
  decisionReason: string | null;
  decidedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export function toApplication(row: ApplicationRow): ApplicationResponse {
  return {
    id: row.id,
    missionId: row.missionId,
    status: row.status as ApplicationStatus,
    hrStatus: row.hrStatus as HrStatus | null,
    motivation: row.motivation,
    decisionReason: row.decisionReason,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** For routes that answer with the application they just changed (the verb already checked access). */
export async function readApplication(db: DbOrTx, applicationId: string): Promise<ApplicationResponse> {
  const [row] = await db
    .select(applicationColumns)
    .from(applications)
    .where(eq(applications.id, applicationId));
  if (!row) throw notFound('Application');
  return toApplication(row);
}
