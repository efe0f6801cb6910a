import { ROLES, type UpdateMeInput } from '@passerelle/domain';
import { z } from 'zod';

// The request body lives in @passerelle/domain: the web's profile and names forms validate with it.
export {
  MAX_MOBILITY_RADIUS_KM,
  MAX_PROFILE_SKILLS,
  type UpdateMeInput,
  updateMeBody,
} from '@passerelle/domain';

const profileSkill = z.object({ code: z.string(), level: z.number().int().min(1).max(4) });

export const postierProfileSchema = z.object({
  businessUnitId: z.uuid().nullable(),
  communeCode: z.string().nullable(),
  communeName: z.string().nullable(),
  mobilityRadiusKm: z.number().int(),
  remoteOk: z.boolean(),
  availableFrom: z.string().nullable(),
  availableTo: z.string().nullable(),
  matchingOptIn: z.boolean(),
  skills: z.array(profileSkill),
  domains: z.array(z.string()),
});
export type PostierProfile = z.infer<typeof postierProfileSchema>;

export const meResponse = z.object({
  id: z.uuid(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  role: z.enum(ROLES),
  emailVerified: z.boolean(),
  /** A postier's matching profile; null for other roles. */
  profile: postierProfileSchema.nullable(),
  /** The association an association account belongs to; null before it registers one, and for other roles. */
  associationId: z.uuid().nullable(),
});
export type MeResponse = z.infer<typeof meResponse>;

/** Fields only a postier's profile has. */
export const PROFILE_FIELDS = [
  'businessUnitId',
  'communeCode',
  'mobilityRadiusKm',
  'remoteOk',
  'availableFrom',
  'availableTo',
  'matchingOptIn',
  'skills',
  'domains',
] as const satisfies readonly (keyof UpdateMeInput)[];
