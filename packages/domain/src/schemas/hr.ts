import { z } from 'zod';
import { MAX_HOURS_PER_DAY } from '../quota';
import { isoDateField, personNameField } from './fields';

export const hrDecisionBody = z.strictObject({
  decision: z.enum(['approved', 'refused'], 'Choisissez d’approuver ou de refuser.'),
  comment: z.string('Le commentaire est un texte.').trim().max(1000, 'Au plus 1 000 caractères.').default(''),
});

export const timeEntryBody = z.strictObject({
  date: isoDateField('Saisissez le jour.'),
  hours: z
    .number('Saisissez un nombre d’heures.')
    .positive('Au moins un quart d’heure.')
    .max(MAX_HOURS_PER_DAY, `Au plus ${MAX_HOURS_PER_DAY} heures par jour.`)
    .refine((h) => Number.isInteger(h * 4), 'Par quarts d’heure : 1 ; 1,25 ; 1,5…'),
  note: z.string('La note est un texte.').trim().max(1000, 'Au plus 1 000 caractères.').default(''),
});

const scopeInput = z
  .strictObject({
    businessUnitId: z.uuid('Choisissez une branche dans la liste.').optional(),
    regionCode: z
      .string('Choisissez une région dans la liste.')
      .trim()
      .min(1, 'Choisissez une région dans la liste.')
      .max(10, 'Choisissez une région dans la liste.')
      .optional(),
  })
  .refine((s) => s.businessUnitId !== undefined || s.regionCode !== undefined, {
    message: 'Chaque ligne du périmètre indique une branche, une région ou les deux.',
  });

const scopesInput = z
  .array(scopeInput, 'Choisissez au moins une région ou une branche.')
  .min(1, 'Choisissez au moins une région ou une branche.')
  .max(50, 'Au plus 50 lignes de périmètre.');
export type HrScopeInput = z.infer<typeof scopeInput>;

/** An HR account opened by an admin, who fills the form for someone else. */
export const hrUserBody = z.strictObject({
  firstName: personNameField('Saisissez son prénom.'),
  lastName: personNameField('Saisissez son nom.'),
  email: z
    .email({
      error: (issue) =>
        issue.input === undefined || issue.input === ''
          ? 'Saisissez son adresse e-mail.'
          : 'Saisissez une adresse e-mail valide, par exemple prenom.nom@laposte.fr.',
    })
    .max(254, 'Cette adresse e-mail est trop longue.')
    .transform((e) => e.trim().toLowerCase()),
  scopes: scopesInput,
});

export const hrScopesBody = z.strictObject({ scopes: scopesInput });
