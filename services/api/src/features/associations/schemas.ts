import { LABEL_STATUSES, MISSION_MODES, MISSION_STATUSES } from '@passerelle/domain';
import { z } from 'zod';
import { pageOf, pageQuery } from '../../lib/pagination';

// Request bodies live in @passerelle/domain: the web's forms validate with the very same schemas.
// RNA and SIRET are only normalised there: the verb checks them, so a bad one is a 422 with its code.
export {
  addMemberBody,
  type CreateAssociationInput,
  createAssociationBody,
  type UpdateAssociationInput,
  updateAssociationBody,
} from '@passerelle/domain';

export const associationParams = z.strictObject({ id: z.uuid() });

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

export const memberSchema = z.object({
  id: z.uuid(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  memberSince: z.string(),
});
export const membersResponse = z.object({ items: z.array(memberSchema) });
