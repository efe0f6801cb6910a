import { INSEE_COMMUNE_CODE } from '@passerelle/domain';
import { z } from 'zod';

export const communeCodeSchema = z.string().regex(INSEE_COMMUNE_CODE, 'must be an INSEE commune code');
const departementCode = z.string().regex(/^(\d{2,3}|2[AB])$/, 'must be a département code');
const regionCode = z.string().regex(/^\d{2}$/, 'must be a région code');

const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

export const skillsQuery = z.strictObject({
  q: z.string().trim().min(1).max(100).optional(),
  category: z.string().trim().min(1).max(64).optional(),
});

export const skillSchema = z.object({
  code: z.string(),
  label: z.string(),
  categoryCode: z.string(),
  categoryLabel: z.string(),
  source: z.enum(['ROME4', 'ESCO']),
  sourceRef: z.string(),
});
export const skillsResponse = listOf(skillSchema);

export const skillCategoriesResponse = listOf(
  z.object({ code: z.string(), label: z.string(), skillCount: z.number().int() }),
);

export const domainsResponse = listOf(
  z.object({ code: z.string(), label: z.string(), description: z.string() }),
);

export const businessUnitsResponse = listOf(
  z.object({ id: z.uuid(), code: z.string(), name: z.string(), legalEntity: z.string() }),
);

export const regionsResponse = listOf(z.object({ code: z.string(), name: z.string() }));

export const departementsQuery = z.strictObject({ region: regionCode.optional() });
export const departementsResponse = listOf(
  z.object({ code: z.string(), name: z.string(), regionCode: z.string() }),
);

export const communesQuery = z
  .strictObject({
    q: z.string().trim().min(1).max(100).optional(),
    departement: departementCode.optional(),
    limit: z.coerce.number().int().min(1).max(50).default(10),
  })
  // Without either filter the answer would be 35,000 communes cut at an arbitrary 50.
  .refine((query) => query.q !== undefined || query.departement !== undefined, {
    message: 'give q or departement',
    path: ['q'],
  });

export const communeSummary = z.object({
  code: z.string(),
  name: z.string(),
  departementCode: z.string(),
  regionCode: z.string(),
  postalCodes: z.array(z.string()),
  population: z.number().int().nullable(),
});
export const communesResponse = listOf(communeSummary);

export const communeParams = z.strictObject({ code: communeCodeSchema });
export const communeDetail = communeSummary.extend({
  departementName: z.string(),
  regionName: z.string(),
  epciCode: z.string().nullable(),
  latitude: z.number(),
  longitude: z.number(),
  /** `geonames` when exact; otherwise borrowed from a neighbour, so distances are approximate. */
  coordinatesSource: z.string(),
});
