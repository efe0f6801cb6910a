import { z } from 'zod';
import { communeCodeField, isoDateField, personNameField, skillLevelField } from './fields';

export const MAX_PROFILE_SKILLS = 30;
export const MAX_MOBILITY_RADIUS_KM = 300;

const optionalDate = isoDateField('Saisissez une date valide.').nullable().optional();

/** `PATCH /me`: the names of anyone, and the matching profile of a postier. */
export const updateMeBody = z.strictObject({
  firstName: personNameField('Saisissez votre prénom.').optional(),
  lastName: personNameField('Saisissez votre nom.').optional(),
  // The postier's profile: refused for other roles.
  businessUnitId: z.uuid('Choisissez votre branche dans la liste.').nullable().optional(),
  communeCode: communeCodeField('Choisissez votre commune de travail dans la liste.').nullable().optional(),
  mobilityRadiusKm: z
    .number('Saisissez un rayon en kilomètres.')
    .int('Un nombre entier de kilomètres.')
    .min(0, 'Le rayon ne peut pas être négatif.')
    .max(MAX_MOBILITY_RADIUS_KM, `Au plus ${MAX_MOBILITY_RADIUS_KM} km.`)
    .optional(),
  remoteOk: z.boolean('Indiquez si vous acceptez le travail à distance.').optional(),
  availableFrom: optionalDate,
  availableTo: optionalDate,
  matchingOptIn: z.boolean('Indiquez si vous souhaitez recevoir des propositions.').optional(),
  /** Replaces the whole list. */
  skills: z
    .array(
      z.strictObject({
        code: z
          .string('Choisissez une compétence dans la liste.')
          .min(1, 'Choisissez une compétence dans la liste.')
          .max(64, 'Choisissez une compétence dans la liste.'),
        level: skillLevelField,
      }),
      'Choisissez vos compétences dans la liste.',
    )
    .max(MAX_PROFILE_SKILLS, `Au plus ${MAX_PROFILE_SKILLS} compétences.`)
    .optional(),
  /** Replaces the whole list. */
  domains: z
    .array(z.string().min(1).max(64), 'Cochez vos domaines d’intérêt.')
    .max(20, 'Au plus 20 domaines.')
    .optional(),
});
export type UpdateMeInput = z.infer<typeof updateMeBody>;
