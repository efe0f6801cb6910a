import {
  ASSOCIATION_MESSAGES,
  createAssociationBody,
  createMissionBody,
  isValidRna,
  isValidSiret,
  passwordResetConfirmBody,
  timeEntryBody,
  updateMeBody,
} from '@passerelle/domain';
import { z } from 'zod';
import { fr } from 'zod/locales';

// Any schema message left without a French sentence still comes out in French. Forms import their
// schemas from this module (never straight from @passerelle/domain) so this runs before any check.
z.config(fr());

/**
 * The forms validate with the api's own request schemas (@passerelle/domain), whose messages are
 * French: the api stays the judge, checking first only saves a round trip. What is here is what
 * only a form needs (a confirmation field, an empty input meaning "none", a rule the api checks
 * later in its verbs), built on the shared schemas rather than copied from them.
 */

export {
  addMemberBody,
  hrScopesBody,
  hrUserBody,
  invitationsBody,
  loginBody,
  MIN_PASSWORD_LENGTH,
  passwordResetRequestBody,
  preferencesBody,
  reasonBody,
  registerBody,
  submitApplicationBody,
} from '@passerelle/domain';

export const newPasswordSchema = passwordResetConfirmBody
  .pick({ password: true })
  .extend({ confirmation: z.string() })
  .refine((v) => v.password === v.confirmation, {
    path: ['confirmation'],
    message: 'Les deux mots de passe ne sont pas identiques.',
  });

const { rna, siret } = createAssociationBody.shape;

/** The api judges RNA, SIRET and "one of the two" in its verb (422 with a code); said here at once. */
export const associationSchema = createAssociationBody
  .extend({
    rna: rna.refine((v) => !v || isValidRna(v), ASSOCIATION_MESSAGES.rna),
    siret: siret.refine((v) => !v || isValidSiret(v), ASSOCIATION_MESSAGES.siret),
  })
  .refine((v) => Boolean(v.rna) || Boolean(v.siret), {
    path: ['rna'],
    message: ASSOCIATION_MESSAGES.identifierRequired,
  });

/** The api checks these on the mission once merged with what is stored (a PATCH may send one date). */
export const missionSchema = createMissionBody.superRefine((v, ctx) => {
  if (v.mode !== 'remote' && !v.communeCode) {
    ctx.addIssue({
      code: 'custom',
      path: ['communeCode'],
      message: 'Choisissez la commune, sauf pour une mission à distance.',
    });
  }
  if (v.startDate > v.endDate) {
    ctx.addIssue({
      code: 'custom',
      path: ['endDate'],
      message: 'La date de fin doit suivre la date de début.',
    });
  }
});

export const namesSchema = updateMeBody.pick({ firstName: true, lastName: true });

/** A date input left empty means "no date", which the api spells null. */
const emptyAsNull = (value: unknown) => (value === '' ? null : value);

export const profileSchema = updateMeBody
  .pick({
    communeCode: true,
    mobilityRadiusKm: true,
    remoteOk: true,
    availableFrom: true,
    availableTo: true,
    matchingOptIn: true,
    skills: true,
    domains: true,
  })
  .extend({
    availableFrom: z.preprocess(emptyAsNull, updateMeBody.shape.availableFrom),
    availableTo: z.preprocess(emptyAsNull, updateMeBody.shape.availableTo),
  })
  .superRefine((v, ctx) => {
    if (v.availableFrom && v.availableTo && v.availableFrom > v.availableTo) {
      ctx.addIssue({
        code: 'custom',
        path: ['availableTo'],
        message: 'La fin de disponibilité doit suivre son début.',
      });
    }
  });

// The participation is the api's path parameter, a select in the form: first, as the form shows it.
export const timeEntrySchema = z.strictObject({
  applicationId: z.string().min(1, 'Choisissez la mission.'),
  ...timeEntryBody.shape,
});

/** A number field's text → number, or NaN (the schema then says what is wrong). */
export function toNumber(value: string): number {
  if (value.trim() === '') return Number.NaN;
  return Number(value.replace(',', '.'));
}
