import { MISSION_MODES } from '@passerelle/domain';
import { z } from 'zod';

export const recommendationsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
});
export type RecommendationsQuery = z.infer<typeof recommendationsQuery>;

/** A reason as the matcher wrote it: a kind, its weight in the score, and its own details. */
export const reason = z.looseObject({ kind: z.string(), weight: z.number() });

export const recommendationItem = z.object({
  mission: z.object({
    id: z.uuid(),
    title: z.string(),
    mode: z.enum(MISSION_MODES),
    startDate: z.string(),
    endDate: z.string(),
    hoursTotal: z.number().int(),
    domainCode: z.string(),
    communeCode: z.string().nullable(),
    association: z.object({ id: z.uuid(), name: z.string() }),
  }),
  score: z.number(),
  reasons: z.array(reason),
});
export type RecommendationItem = z.infer<typeof recommendationItem>;

export const recommendationsPage = z.object({
  items: z.array(recommendationItem),
  nextCursor: z.string().nullable(),
  total: z.number().int(),
});

export const SCORE_BANDS = ['0.8-1', '0.6-0.8', '0.4-0.6', '0-0.4'] as const;

export const missionMatchesResponse = z.object({
  missionId: z.uuid(),
  total: z.number().int(),
  /** Counts per score band: what an association member may see. */
  bands: z.array(z.object({ band: z.enum(SCORE_BANDS), count: z.number().int() })),
  /** How many matched postiers carry each kind of reason, without saying who. */
  reasons: z.array(z.object({ kind: z.string(), count: z.number().int() })),
  invited: z.number().int(),
  /** Admins only: the ranked list with who. */
  items: z
    .array(
      z.object({
        rank: z.number().int(),
        score: z.number(),
        postier: z.object({ id: z.uuid(), firstName: z.string(), lastName: z.string() }),
        reasons: z.array(reason),
        invitedAt: z.string().nullable(),
      }),
    )
    .optional(),
});
export type MissionMatchesResponse = z.infer<typeof missionMatchesResponse>;

// The request body lives in @passerelle/domain: the web's form validates with the very same schema.
export { invitationsBody } from '@passerelle/domain';

export const invitationsResponse = z.object({ invited: z.number().int() });
