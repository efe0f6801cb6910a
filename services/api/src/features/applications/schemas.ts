import { APPLICATION_STATUSES, HR_STATUSES, MISSION_STATUSES } from '@passerelle/domain';
import { z } from 'zod';

export const applicationParams = z.strictObject({ id: z.uuid('must be an application id') });

// Request bodies live in @passerelle/domain: the web's forms validate with the very same schemas.
export { declineApplicationBody, submitApplicationBody } from '@passerelle/domain';

export const pageQuery = z.strictObject({
  status: z.enum(APPLICATION_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
});
export type PageQuery = z.infer<typeof pageQuery>;

/** What the applicant and the association both see of an application. */
const applicationCore = {
  id: z.uuid(),
  missionId: z.uuid(),
  status: z.enum(APPLICATION_STATUSES),
  /** Set when the association accepts: the work time then waits for HR. */
  hrStatus: z.enum(HR_STATUSES).nullable(),
  motivation: z.string(),
  decisionReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
};

export const applicationResponse = z.object(applicationCore);
export type ApplicationResponse = z.infer<typeof applicationResponse>;

/** The association learns who a postier is only here: once they applied. */
export const applicantItem = z.object({
  ...applicationCore,
  applicant: z.object({ id: z.uuid(), firstName: z.string(), lastName: z.string(), email: z.string() }),
});

export const myApplicationItem = z.object({
  ...applicationCore,
  mission: z.object({
    id: z.uuid(),
    title: z.string(),
    status: z.enum(MISSION_STATUSES),
    startDate: z.string(),
    endDate: z.string(),
  }),
  association: z.object({ id: z.uuid(), name: z.string() }),
});

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable(), total: z.number().int() });
