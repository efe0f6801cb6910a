import { ROLES } from '@passerelle/domain';
import { z } from 'zod';
import { communeCodeSchema } from '../reference/schemas';

export const MAX_PROFILE_SKILLS = 30;
export const MAX_MOBILITY_RADIUS_KM = 300;

const skillCode = z.string().min(1).max(64);
const isoDate = z.iso.date();

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

const personName = z.string().trim().min(1).max(100);

export const updateMeBody = z.strictObject({
  firstName: personName.optional(),
  lastName: personName.optional(),
  // The postier's profile: refused for other roles.
  businessUnitId: z.uuid().nullable().optional(),
  communeCode: communeCodeSchema.nullable().optional(),
  mobilityRadiusKm: z.number().int().min(0).max(MAX_MOBILITY_RADIUS_KM).optional(),
  remoteOk: z.boolean().optional(),
  availableFrom: isoDate.nullable().optional(),
  availableTo: isoDate.nullable().optional(),
  matchingOptIn: z.boolean().optional(),
  /** Replaces the whole list. */
  skills: z
    .array(z.strictObject({ code: skillCode, level: z.number().int().min(1).max(4) }))
    .max(MAX_PROFILE_SKILLS)
    .optional(),
  /** Replaces the whole list. */
  domains: z.array(z.string().min(1).max(64)).max(20).optional(),
});
export type UpdateMeInput = z.infer<typeof updateMeBody>;

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
