import { z } from 'zod';
import { communeCodeField, emailField } from './fields';

export const ASSOCIATION_MESSAGES = {
  rna: 'Le numéro RNA est un W suivi de 9 chiffres, par exemple W751234567.',
  siret:
    'Le SIRET compte 14 chiffres, avec une clé de contrôle valide : vérifiez-le sur votre avis de situation INSEE.',
  identifierRequired: 'Indiquez le numéro RNA ou le SIRET de l’association (au moins l’un des deux).',
} as const;

// RNA and SIRET arrive as people copy them ("w751234567", "123 456 789 00012"): normalised here,
// their checksum is judged by the api's verb (a 422 with its own code), so not refined here.
const rna = z.string(ASSOCIATION_MESSAGES.rna).trim().toUpperCase().max(20, ASSOCIATION_MESSAGES.rna);
const siret = z
  .string(ASSOCIATION_MESSAGES.siret)
  .max(30, ASSOCIATION_MESSAGES.siret)
  .overwrite((value) => value.replace(/[\s.]/g, ''));

const name = z
  .string('Saisissez le nom de l’association.')
  .trim()
  .min(2, 'Saisissez le nom de l’association (2 caractères au moins).')
  .max(200, 'Au plus 200 caractères.');
const description = z.string('Présentez l’association.').trim().max(5000, 'Au plus 5 000 caractères.');
const domains = z
  .array(z.string().min(1).max(64), 'Cochez au moins un domaine d’action.')
  .min(1, 'Cochez au moins un domaine d’action.')
  .max(12, 'Au plus 12 domaines.');
const seat = communeCodeField('Choisissez la commune du siège dans la liste.');

export const createAssociationBody = z.strictObject({
  name,
  rna: rna.nullable().optional(),
  siret: siret.nullable().optional(),
  description,
  communeCode: seat,
  domains,
});
export type CreateAssociationInput = z.infer<typeof createAssociationBody>;

export const updateAssociationBody = z.strictObject({
  name: name.optional(),
  rna: rna.nullable().optional(),
  siret: siret.nullable().optional(),
  description: description.optional(),
  communeCode: seat.optional(),
  domains: domains.optional(),
});
export type UpdateAssociationInput = z.infer<typeof updateAssociationBody>;

export const addMemberBody = z.strictObject({
  email: emailField('Saisissez l’adresse e-mail du compte à ajouter.'),
});
