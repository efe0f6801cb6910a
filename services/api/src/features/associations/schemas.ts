import { LABEL_STATUSES, MISSION_MODES, MISSION_STATUSES } from '@passerelle/domain';
import { z } from 'zod';
import { email } from '../auth/schemas';
import { communeCodeSchema } from '../reference/schemas';
import { pageOf, pageQuery } from './pagination';

// RNA and SIRET arrive as people copy them ("w751234567", "123 456 789 00012"): normalised here,
// checked by the verb so a bad one is a 422 naming the field rather than a bare pattern mismatch.
const rna = z.string().trim().toUpperCase().max(20);
const siret = z
  .string()
  .max(30)
  .overwrite((value) => value.replace(/[\s.]/g, ''));

const name = z.string().trim().min(2).max(200);
const description = z.string().trim().max(5000);
const domains = z.array(z.string().min(1).max(64)).min(1).max(12);

export const associationParams = z.strictObject({ id: z.uuid() });

export const createAssociationBody = z.strictObject({
  name,
  rna: rna.nullable().optional(),
  siret: siret.nullable().optional(),
  description,
  communeCode: communeCodeSchema,
  domains,
});
export type CreateAssociationInput = z.infer<typeof createAssociationBody>;

export const updateAssociationBody = z.strictObject({
  name: name.optional(),
  rna: rna.nullable().optional(),
  siret: siret.nullable().optional(),
  description: description.optional(),
  communeCode: communeCodeSchema.optional(),
  domains: domains.optional(),
});
export type UpdateAssociationInput = z.infer<typeof updateAssociationBody>;

export const associationResponse = z.object({
  id: z.uuid(),
  name: z.string(),
  rna: z.string().nullable(),
  siret: z.string().nullable(),
  description: z.string(),
  communeCode: z.string(),
  communeName: z.string(),
  departementCode: z.string(),
  regionCode: z.string(),
  domains: z.array(z.string()),
  /** Only for its members and admins: the public sees labelled associations only. */
  labelStatus: z.enum(LABEL_STATUSES).optional(),
  labelReason: z.string().nullable().optional(),
  labelDecidedAt: z.string().nullable().optional(),
  createdAt: z.string(),
});
export type AssociationResponse = z.infer<typeof associationResponse>;

export const associationMissionsQuery = z.strictObject({
  ...pageQuery,
  status: z.enum(MISSION_STATUSES).optional(),
});

export const associationMission = z.object({
  id: z.uuid(),
  title: z.string(),
  status: z.enum(MISSION_STATUSES),
  domainCode: z.string(),
  mode: z.enum(MISSION_MODES),
  communeCode: z.string().nullable(),
  communeName: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string(),
  hoursTotal: z.number().int(),
  seats: z.number().int(),
  publishedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
});
export const associationMissionsResponse = pageOf(associationMission);

export const addMemberBody = z.strictObject({ email });

export const memberSchema = z.object({
  id: z.uuid(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  memberSince: z.string(),
});
export const membersResponse = z.object({ items: z.array(memberSchema) });
