import { z } from 'zod';

/**
 * Building blocks of the request schemas shared by the api and the web forms. Messages are French
 * sentences for the person filling the form: the web shows them next to the field, the api sends
 * the same sentence in its problem+json with the field's path.
 */

/** INSEE commune code: 5 characters, Corsica's départements being 2A and 2B. */
export const INSEE_COMMUNE_CODE = /^(\d{2}|2A|2B)\d{3}$/;

/** Reference codes (domains, skills): kebab-case slugs or ROME/ESCO-like identifiers. */
export const REFERENCE_CODE = /^[A-Za-z0-9][A-Za-z0-9._:/-]*$/;

/** An email address, trimmed and lower-cased; `missing` is said when the field is left empty. */
export function emailField(missing: string) {
  return (
    z
      .string(missing)
      .trim()
      .toLowerCase()
      // Aborts so an empty field gets one message, not "empty" and "not an email" both.
      .min(1, { error: missing, abort: true })
      .max(254, 'Cette adresse e-mail est trop longue.')
      .email('Saisissez une adresse e-mail valide, par exemple prenom.nom@laposte.fr.')
  );
}

export function personNameField(missing: string) {
  return z.string(missing).trim().min(1, missing).max(100, 'Au plus 100 caractères.');
}

/** YYYY-MM-DD, what a date input gives; `missing` is said when it is empty. */
export function isoDateField(missing: string) {
  return z.iso.date({
    error: (issue) =>
      issue.input === undefined || issue.input === '' ? missing : 'Saisissez une date valide.',
  });
}

/** A code picked from a reference list (domain of action, skill). */
export function referenceCodeField(missing: string) {
  return z
    .string(missing)
    .trim()
    .min(1, { error: missing, abort: true })
    .max(100, 'Choisissez une valeur dans la liste.')
    .regex(REFERENCE_CODE, 'Choisissez une valeur dans la liste.');
}

/** A commune picked in the list: its INSEE code. */
export function communeCodeField(message: string) {
  return z.string(message).regex(INSEE_COMMUNE_CODE, message);
}

export const skillLevelField = z
  .number('Choisissez un niveau.')
  .int('Le niveau va de 1 à 4.')
  .min(1, 'Le niveau va de 1 à 4.')
  .max(4, 'Le niveau va de 1 à 4.');

/** A reason someone will read (a declined application, rejected hours). */
export const reasonField = z
  .string('Indiquez la raison.')
  .trim()
  .min(3, 'Indiquez la raison (3 caractères au moins).')
  .max(1000, 'Au plus 1 000 caractères.');
