import { z } from 'zod';
import { emailField, personNameField } from './fields';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

const ownEmail = emailField('Saisissez votre adresse e-mail.');

const newPassword = z
  .string('Choisissez un mot de passe.')
  .min(1, { error: 'Choisissez un mot de passe.', abort: true })
  .min(MIN_PASSWORD_LENGTH, `Le mot de passe doit compter au moins ${MIN_PASSWORD_LENGTH} caractères.`)
  .max(MAX_PASSWORD_LENGTH, `Le mot de passe doit compter au plus ${MAX_PASSWORD_LENGTH} caractères.`);

/** The token of an emailed link (email verification, password reset, HR invitation). */
const linkToken = z
  .string('Ce lien est incomplet : ouvrez le lien reçu par e-mail en entier.')
  .min(10, 'Ce lien est incomplet : ouvrez le lien reçu par e-mail en entier.')
  .max(200, 'Ce lien n’est pas valable.');

// Fields in the order the form shows them: the error summary lists them in that order.
export const registerBody = z.strictObject({
  role: z.enum(['postier', 'association'], 'Indiquez si vous êtes postier·ère ou membre d’une association.'),
  firstName: personNameField('Saisissez votre prénom.'),
  lastName: personNameField('Saisissez votre nom.'),
  email: ownEmail,
  password: newPassword,
});

export const loginBody = z.strictObject({
  email: ownEmail,
  password: z
    .string('Saisissez votre mot de passe.')
    .min(1, 'Saisissez votre mot de passe.')
    .max(MAX_PASSWORD_LENGTH, `Le mot de passe compte au plus ${MAX_PASSWORD_LENGTH} caractères.`),
});

export const tokenBody = z.strictObject({ token: linkToken });

export const passwordResetRequestBody = z.strictObject({ email: ownEmail });

export const passwordResetConfirmBody = z.strictObject({ token: linkToken, password: newPassword });
