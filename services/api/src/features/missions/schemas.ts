import { MISSION_MODES, MISSION_STATUSES } from '@passerelle/domain';
import { z } from 'zod';

/** Reference codes (domains, skills): kebab-case slugs or ROME/ESCO-like identifiers. */
const referenceCode = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:/-]*$/, 'must be a reference code');

/** INSEE commune code: 5 characters, Corsica's départements are 2A and 2B. */
export const inseeCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^(\d{2}|2A|2B)\d{3}$/, 'must be an INSEE commune code');

const isoDate = z.iso.date('must be a date (YYYY-MM-DD)');

const missionSkillInput = z.strictObject({
  code: referenceCode,
  level: z.number().int().min(1).max(4),
  required: z.boolean().default(true),
});

const missionSkillsInput = z
  .array(missionSkillInput)
  .min(1)
  .max(15)
  .superRefine((skills, ctx) => {
    const seen = new Set<string>();
    skills.forEach((skill, index) => {
      if (seen.has(skill.code))
        ctx.addIssue({ code: 'custom', path: [index, 'code'], message: 'listed twice' });
      seen.add(skill.code);
    });
  });

const missionFields = {
  title: z.string().trim().min(5).max(140),
  description: z.string().trim().min(20).max(5000),
  domainCode: referenceCode,
  skills: missionSkillsInput,
  // Cross-field rules (a commune unless remote, start ≤ end, end not past) are checked by the verbs
  // on the merged mission, so a PATCH of one date is judged against the other stored one.
  communeCode: inseeCode.nullable().optional(),
  mode: z.enum(MISSION_MODES),
  startDate: isoDate,
  endDate: isoDate,
  hoursTotal: z.number().int().min(1).max(2000),
  seats: z.number().int().min(1).max(500),
};

export const createMissionBody = z.strictObject(missionFields);
export type CreateMissionBody = z.infer<typeof createMissionBody>;

export const updateMissionBody = z
  .strictObject(missionFields)
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: 'give at least one field to change' });
export type UpdateMissionBody = z.infer<typeof updateMissionBody>;

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
