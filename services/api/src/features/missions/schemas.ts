import { INSEE_COMMUNE_CODE, MISSION_MODES, MISSION_STATUSES, REFERENCE_CODE } from '@passerelle/domain';
import { z } from 'zod';

// Request bodies live in @passerelle/domain: the web's mission form validates with the very same
// schemas. The search query stays here, with messages for the developers calling it.
export {
  type CreateMissionBody,
  createMissionBody,
  type UpdateMissionBody,
  updateMissionBody,
} from '@passerelle/domain';

const referenceCode = z.string().trim().min(1).max(100).regex(REFERENCE_CODE, 'must be a reference code');

export const inseeCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(INSEE_COMMUNE_CODE, 'must be an INSEE commune code');

const isoDate = z.iso.date('must be a date (YYYY-MM-DD)');

export const missionParams = z.strictObject({ id: z.uuid('must be a mission id') });

export const missionDetail = z.object({
  id: z.uuid(),
  title: z.string(),
  description: z.string(),
  status: z.enum(MISSION_STATUSES),
  mode: z.enum(MISSION_MODES),
  domain: z.object({ code: z.string(), label: z.string() }),
  association: z.object({ id: z.uuid(), name: z.string() }),
  commune: z
    .object({
      code: z.string(),
      name: z.string(),
      departement: z.object({ code: z.string(), name: z.string() }),
      region: z.object({ code: z.string(), name: z.string() }),
    })
    .nullable(),
  skills: z.array(
    z.object({ code: z.string(), label: z.string(), level: z.number().int(), required: z.boolean() }),
  ),
  startDate: z.string(),
  endDate: z.string(),
  hoursTotal: z.number().int(),
  seats: z.number().int(),
  /** Accepted participants. */
  seatsTaken: z.number().int(),
  publishedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type MissionDetail = z.infer<typeof missionDetail>;

export const SEARCH_SORTS = ['relevance', 'date', 'distance'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

const codeList = z
  .string()
  .max(1600)
  .transform((value) =>
    value
      .split(',')
      .map((code) => code.trim())
      .filter((code) => code.length > 0),
  )
  .pipe(z.array(referenceCode).min(1, 'give at least one code').max(15));

export const searchQuery = z
  .strictObject({
    q: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .describe('French full text; accents and plurals ignored; web-search syntax'),
    skills: codeList.optional().describe('Comma-separated skill codes: missions asking for all of them'),
    region: z
      .string()
      .trim()
      .regex(/^\d{2}$/, 'must be a région code')
      .optional(),
    departement: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^(\d{2,3}|2A|2B)$/, 'must be a département code')
      .optional(),
    mode: z.enum(MISSION_MODES).optional(),
    domain: referenceCode.optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    near: inseeCode.optional().describe('INSEE code of the commune distances are measured from'),
    radiusKm: z.coerce
      .number()
      .int()
      .min(1)
      .max(1000)
      .optional()
      .describe('Only missions within this distance of near (ignored with mode=remote)'),
    sort: z
      .enum(SEARCH_SORTS)
      .optional()
      .describe('relevance (default with q), date (default otherwise), distance (needs near)'),
    limit: z.coerce.number().int().min(1).max(50).default(20),
    cursor: z.string().max(500).optional(),
  })
  .superRefine((query, ctx) => {
    if (query.from && query.to && query.from > query.to) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    }
    if (query.radiusKm !== undefined && !query.near) {
      ctx.addIssue({
        code: 'custom',
        path: ['radiusKm'],
        message: 'needs near (the INSEE code of the centre commune)',
      });
    }
    if (query.sort === 'distance' && !query.near) {
      ctx.addIssue({ code: 'custom', path: ['sort'], message: 'distance sort needs near' });
    }
    if (query.sort === 'relevance' && !query.q) {
      ctx.addIssue({ code: 'custom', path: ['sort'], message: 'relevance sort needs q' });
    }
  });
export type SearchQuery = z.infer<typeof searchQuery>;

export const missionSummary = z.object({
  id: z.uuid(),
  title: z.string(),
  status: z.enum(MISSION_STATUSES),
  mode: z.enum(MISSION_MODES),
  domainCode: z.string(),
  associationId: z.uuid(),
  associationName: z.string(),
  communeCode: z.string().nullable(),
  communeName: z.string().nullable(),
  departementCode: z.string().nullable(),
  regionCode: z.string().nullable(),
  skills: z.array(
    z.object({ code: z.string(), label: z.string(), level: z.number().int(), required: z.boolean() }),
  ),
  startDate: z.string(),
  endDate: z.string(),
  hoursTotal: z.number().int(),
  seats: z.number().int(),
  publishedAt: z.string().nullable(),
  /** Between the commune centroids, when `near` was given and the mission has a commune. */
  distanceKm: z.number().nullable(),
});

export const searchResponse = z.object({
  items: z.array(missionSummary),
  nextCursor: z.string().nullable(),
  total: z.number().int(),
});
