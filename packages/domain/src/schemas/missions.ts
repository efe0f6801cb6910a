import { z } from 'zod';
import { MISSION_MODES } from '../enums';
import { INSEE_COMMUNE_CODE, isoDateField, referenceCodeField, skillLevelField } from './fields';

const missionSkillInput = z.strictObject({
  code: referenceCodeField('Choisissez une compétence dans la liste.'),
  level: skillLevelField,
  required: z.boolean('Indiquez si la compétence est indispensable.').default(true),
});

const missionSkillsInput = z
  .array(missionSkillInput, 'Ajoutez au moins une compétence.')
  .min(1, 'Ajoutez au moins une compétence.')
  .max(15, 'Au plus 15 compétences.')
  .superRefine((skills, ctx) => {
    const seen = new Set<string>();
    skills.forEach((skill, index) => {
      if (seen.has(skill.code))
        ctx.addIssue({
          code: 'custom',
          path: [index, 'code'],
          message: 'Cette compétence figure deux fois.',
        });
      seen.add(skill.code);
    });
  });

const missionFields = {
  title: z
    .string('Saisissez le titre.')
    .trim()
    .min(5, 'Le titre compte au moins 5 caractères.')
    .max(140, 'Au plus 140 caractères.'),
  description: z
    .string('Décrivez la mission.')
    .trim()
    .min(20, 'Décrivez la mission en 20 caractères au moins.')
    .max(5000, 'Au plus 5 000 caractères.'),
  domainCode: referenceCodeField('Choisissez le domaine d’action.'),
  skills: missionSkillsInput,
  // Cross-field rules (a commune unless remote, start ≤ end, end not past) are the api verbs', on
  // the merged mission, so a PATCH of one date is judged against the other stored one.
  communeCode: z
    .string('Choisissez la commune dans la liste.')
    .trim()
    .toUpperCase()
    .regex(INSEE_COMMUNE_CODE, 'Choisissez la commune dans la liste.')
    .nullable()
    .optional(),
  mode: z.enum(MISSION_MODES, 'Choisissez la modalité.'),
  startDate: isoDateField('Saisissez la date de début.'),
  endDate: isoDateField('Saisissez la date de fin.'),
  hoursTotal: z
    .number('Saisissez un nombre d’heures.')
    .int('Un nombre entier d’heures.')
    .min(1, 'Au moins 1 heure.')
    .max(2000, 'Au plus 2 000 heures.'),
  seats: z
    .number('Saisissez un nombre de places.')
    .int('Un nombre entier de places.')
    .min(1, 'Au moins 1 place.')
    .max(500, 'Au plus 500 places.'),
};

export const createMissionBody = z.strictObject(missionFields);
export type CreateMissionBody = z.infer<typeof createMissionBody>;

export const updateMissionBody = z
  .strictObject(missionFields)
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: 'Modifiez au moins un champ.' });
export type UpdateMissionBody = z.infer<typeof updateMissionBody>;
