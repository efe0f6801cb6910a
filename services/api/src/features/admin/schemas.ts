import { LABEL_STATUSES } from '@passerelle/domain';
import { z } from 'zod';
import { pageOf, pageQuery } from '../../lib/pagination';
import { associationResponse } from '../associations/schemas';

export const adminAssociationsQuery = z.strictObject({
  ...pageQuery,
  status: z.enum(LABEL_STATUSES).optional(),
  /** Regional correspondents work on their région. */
  region: z
    .string()
    .regex(/^\d{2}$/, 'must be a région code')
    .optional(),
});

export const adminAssociation = associationResponse
  .required({ labelStatus: true, labelReason: true, labelDecidedAt: true })
  .extend({
    memberCount: z.number().int(),
  });
export const adminAssociationsResponse = pageOf(adminAssociation);

// The request body lives in @passerelle/domain, with the web's label decisions.
export { LABEL_DECISIONS, type LabelDecision, labelBody } from '@passerelle/domain';

export const auditLogQuery = z.strictObject({
  ...pageQuery,
  entityType: z.string().min(1).max(64).optional(),
  entityId: z.string().min(1).max(100).optional(),
});

export const auditEntry = z.object({
  id: z.uuid(),
  actorUserId: z.uuid().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  details: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});
export const auditLogResponse = pageOf(auditEntry);
