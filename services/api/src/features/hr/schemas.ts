import { HR_STATUSES, TIME_ENTRY_STATUSES } from '@passerelle/domain';
import { z } from 'zod';

// Request bodies behind a web form live in @passerelle/domain, validated there with the same schemas.
export { hrDecisionBody, reasonBody, timeEntryBody } from '@passerelle/domain';

const isoDate = z.iso.date('must be a date (YYYY-MM-DD)');

export const idParams = z.strictObject({ id: z.uuid('must be an id') });

export const hrDecisionResponse = z.object({
  id: z.uuid(),
  status: z.string(),
  hrStatus: z.enum(HR_STATUSES),
  hrComment: z.string().nullable(),
  hrDecidedAt: z.string(),
});

export const pageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
});

export const quotaSchema = z.object({
  year: z.number().int(),
  quota: z.number(),
  validated: z.number(),
  pending: z.number(),
  remaining: z.number(),
});

export const approvalItem = z.object({
  applicationId: z.uuid(),
  mission: z.object({
    id: z.uuid(),
    title: z.string(),
    startDate: z.string(),
    endDate: z.string(),
    hoursTotal: z.number(),
  }),
  association: z.object({ id: z.uuid(), name: z.string() }),
  postier: z.object({ id: z.uuid(), firstName: z.string(), lastName: z.string() }),
  acceptedAt: z.string().nullable(),
  remainingQuotaHours: z.number(),
});

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable(), total: z.number().int() });

export const timeEntrySchema = z.object({
  id: z.uuid(),
  applicationId: z.uuid(),
  date: z.string(),
  hours: z.number(),
  note: z.string(),
  status: z.enum(TIME_ENTRY_STATUSES),
  rejectionReason: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  validatedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type TimeEntryResponse = z.infer<typeof timeEntrySchema>;

export const hrTimeEntrySchema = timeEntrySchema.extend({
  mission: z.object({ id: z.uuid(), title: z.string() }),
  postier: z.object({ id: z.uuid(), firstName: z.string(), lastName: z.string() }),
});

export const myTimeEntriesQuery = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

export const myTimeEntriesResponse = z.object({
  quota: quotaSchema,
  items: z.array(timeEntrySchema.extend({ mission: z.object({ id: z.uuid(), title: z.string() }) })),
});

export const hrTimeEntriesQuery = pageQuery.extend({
  status: z.enum(TIME_ENTRY_STATUSES).optional(),
});

export const bulkValidateBody = z.strictObject({
  ids: z.array(z.uuid()).min(1).max(500),
});

export const bulkValidateResponse = z.object({
  validated: z.array(z.uuid()),
  skipped: z.array(z.object({ id: z.uuid(), reason: z.enum(['not_found', 'not_confirmed']) })),
});

export const hourlyCostBody = z.strictObject({
  businessUnitId: z.uuid(),
  effectiveFrom: isoDate,
  costPerHour: z.number().positive().max(10_000),
});

export const hourlyCostResponse = z.object({
  id: z.uuid(),
  businessUnitId: z.uuid(),
  effectiveFrom: z.string(),
  costPerHour: z.number(),
});

export const REPORT_GROUPS = ['region', 'businessUnit', 'domain', 'association', 'month'] as const;
export type ReportGroup = (typeof REPORT_GROUPS)[number];

export const reportQuery = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100),
  groupBy: z.enum(REPORT_GROUPS).default('region'),
});

export const reportRow = z.object({
  key: z.string(),
  label: z.string(),
  hours: z.number(),
  postiers: z.number().int(),
  valuation: z.number(),
});
export type ReportRow = z.infer<typeof reportRow>;

export const reportResponse = z.object({
  year: z.number().int(),
  groupBy: z.enum(REPORT_GROUPS),
  rows: z.array(reportRow),
  totals: z.object({
    hours: z.number(),
    postiers: z.number().int(),
    valuation: z.number(),
    taxReductionEstimate: z.number(),
  }),
});
export type ReportResponse = z.infer<typeof reportResponse>;

export const statementQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) });

export const statementResponse = z.object({
  association: z.object({
    id: z.uuid(),
    name: z.string(),
    rna: z.string().nullable(),
    siret: z.string().nullable(),
  }),
  year: z.number().int(),
  hours: z.number(),
  postiers: z.number().int(),
  missions: z.array(
    z.object({ id: z.uuid(), title: z.string(), hours: z.number(), postiers: z.number().int() }),
  ),
});
