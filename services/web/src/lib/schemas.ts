import { isValidRna, isValidSiret, MISSION_MODES, NOTIFICATION_FREQUENCIES } from '@passerelle/domain';
import { z } from 'zod';
import { fr } from 'zod/locales';

// Any schema message left without a French sentence still comes out in French.
z.config(fr());

/**
 * Client-side checks, with French messages, mirroring the api's schemas
 * (services/api/src/features/<feature>/schemas.ts): the api stays the judge, these only save a
 * round trip and say it in French.
 */

export const MIN_PASSWORD_LENGTH = 12;

export const emailField = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'Saisissez votre adresse e-mail.')
  .max(254, 'Cette adresse e-mail est trop longue.')
  .pipe(z.email('Saisissez une adresse e-mail valide, par exemple prenom.nom@laposte.fr.'));

export const newPasswordField = z
  .string()
  .min(1, 'Choisissez un mot de passe.')
  .min(MIN_PASSWORD_LENGTH, `Le mot de passe doit compter au moins ${MIN_PASSWORD_LENGTH} caractères.`)
  .max(256, 'Le mot de passe doit compter au plus 256 caractères.');

export const loginSchema = z.object({
  email: emailField,
  password: z.string().min(1, 'Saisissez votre mot de passe.'),
});

export const registerSchema = z.object({
  role: z.enum(['postier', 'association'], 'Indiquez si vous êtes postier·ère ou membre d’une association.'),
  firstName: z.string().trim().min(1, 'Saisissez votre prénom.').max(100, 'Au plus 100 caractères.'),
  lastName: z.string().trim().min(1, 'Saisissez votre nom.').max(100, 'Au plus 100 caractères.'),
  email: emailField,
  password: newPasswordField,
});

export const forgotPasswordSchema = z.object({ email: emailField });

export const newPasswordSchema = z
  .object({ password: newPasswordField, confirmation: z.string() })
  .refine((v) => v.password === v.confirmation, {
    path: ['confirmation'],
    message: 'Les deux mots de passe ne sont pas identiques.',
  });

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Saisissez une date valide.');
const requiredDate = (what: string) =>
  z
    .string()
    .min(1, `Saisissez ${what}.`)
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Saisissez une date valide, au format jj/mm/aaaa.');
const optionalDate = z.union([z.literal(''), isoDate]);

export const associationSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(2, 'Saisissez le nom de l’association (2 caractères au moins).')
      .max(200, 'Au plus 200 caractères.'),
    rna: z
      .string()
      .trim()
      .toUpperCase()
      .refine(
        (v) => v === '' || isValidRna(v),
        'Le numéro RNA est un W suivi de 9 chiffres, par exemple W751234567.',
      ),
    siret: z
      .string()
      .transform((v) => v.replace(/[\s.]/g, ''))
      .refine(
        (v) => v === '' || isValidSiret(v),
        'Le SIRET compte 14 chiffres, avec une clé de contrôle valide : vérifiez-le sur votre avis de situation INSEE.',
      ),
    description: z.string().trim().max(5000, 'Au plus 5 000 caractères.'),
    communeCode: z.string().min(1, 'Choisissez la commune du siège dans la liste.'),
    domains: z
      .array(z.string())
      .min(1, 'Cochez au moins un domaine d’action.')
      .max(12, 'Au plus 12 domaines.'),
  })
  .refine((v) => v.rna !== '' || v.siret !== '', {
    path: ['rna'],
    message: 'Indiquez le numéro RNA ou le SIRET de l’association (au moins l’un des deux).',
  });

export const missionSkillSchema = z.object({
  code: z.string(),
  level: z.number().int().min(1).max(4),
  required: z.boolean(),
});

export const missionSchema = z
  .object({
    title: z
      .string()
      .trim()
      .min(5, 'Le titre compte au moins 5 caractères.')
      .max(140, 'Au plus 140 caractères.'),
    description: z
      .string()
      .trim()
      .min(20, 'Décrivez la mission en 20 caractères au moins.')
      .max(5000, 'Au plus 5 000 caractères.'),
    domainCode: z.string().min(1, 'Choisissez le domaine d’action.'),
    skills: z
      .array(missionSkillSchema)
      .min(1, 'Ajoutez au moins une compétence.')
      .max(15, 'Au plus 15 compétences.'),
    mode: z.enum(MISSION_MODES, 'Choisissez la modalité.'),
    communeCode: z.string(),
    startDate: requiredDate('la date de début'),
    endDate: requiredDate('la date de fin'),
    hoursTotal: z
      .number('Saisissez un nombre d’heures.')
      .int('Un nombre entier d’heures.')
      .min(1, 'Au moins 1 heure.')
      .max(2000, 'Au plus 2 000 heures.'),
    seats: z
      .number('Saisissez un nombre de places.')
      .int('Un nombre entier.')
      .min(1, 'Au moins 1 place.')
      .max(500, 'Au plus 500 places.'),
  })
  .superRefine((v, ctx) => {
    if (v.mode !== 'remote' && v.communeCode === '') {
      ctx.addIssue({
        code: 'custom',
        path: ['communeCode'],
        message: 'Choisissez la commune, sauf pour une mission à distance.',
      });
    }
    if (v.startDate && v.endDate && v.startDate > v.endDate) {
      ctx.addIssue({
        code: 'custom',
        path: ['endDate'],
        message: 'La date de fin doit suivre la date de début.',
      });
    }
  });

export const applySchema = z.object({
  motivation: z
    .string()
    .trim()
    .min(20, 'Expliquez votre motivation en 20 caractères au moins.')
    .max(3000, 'Au plus 3 000 caractères.'),
});

export const reasonSchema = z.object({
  reason: z
    .string()
    .trim()
    .min(3, 'Indiquez la raison (3 caractères au moins).')
    .max(1000, 'Au plus 1 000 caractères.'),
});

export const profileSchema = z
  .object({
    communeCode: z.string(),
    mobilityRadiusKm: z
      .number('Saisissez un rayon en kilomètres.')
      .int('Un nombre entier de kilomètres.')
      .min(0, 'Le rayon ne peut pas être négatif.')
      .max(300, 'Au plus 300 km.'),
    remoteOk: z.boolean(),
    availableFrom: optionalDate,
    availableTo: optionalDate,
    matchingOptIn: z.boolean(),
    skills: z
      .array(z.object({ code: z.string(), level: z.number().int().min(1).max(4) }))
      .max(30, 'Au plus 30 compétences.'),
    domains: z.array(z.string()),
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

export const notificationSchema = z.object({
  recommendations: z.enum(NOTIFICATION_FREQUENCIES),
  activity: z.enum(NOTIFICATION_FREQUENCIES),
});

export const timeEntrySchema = z.object({
  applicationId: z.string().min(1, 'Choisissez la mission.'),
  date: requiredDate('le jour'),
  hours: z
    .number('Saisissez un nombre d’heures.')
    .positive('Au moins un quart d’heure.')
    .max(10, 'Au plus 10 heures par jour.')
    .refine((h) => Number.isInteger(h * 4), 'Par quarts d’heure : 1, 1,25, 1,5…'),
  note: z.string().trim().max(1000, 'Au plus 1 000 caractères.'),
});

/** A number field's text → number, or NaN (the schema then says what is wrong). */
export function toNumber(value: string): number {
  if (value.trim() === '') return Number.NaN;
  return Number(value.replace(',', '.'));
}
