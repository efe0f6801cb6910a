import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  createAssociationBody,
  createMissionBody,
  hrUserBody,
  loginBody,
  registerBody,
  submitApplicationBody,
  timeEntryBody,
  updateMeBody,
  updateMissionBody,
} from './index';

/** Field → first message, as the web shows them next to each field. */
function messages(schema: z.ZodType, input: unknown): Record<string, string> {
  const result = schema.safeParse(input);
  if (result.success) return {};
  const byField: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = issue.path.join('.') || '_form';
    byField[field] ??= issue.message;
  }
  return byField;
}

const mission = {
  title: 'Animer des ateliers numériques',
  description: 'Aider des personnes âgées à utiliser leur smartphone, deux après-midis par mois.',
  domainCode: 'inclusion-numerique',
  skills: [{ code: 'usages-numeriques', level: 2 }],
  mode: 'onsite',
  communeCode: '69123',
  startDate: '2030-01-15',
  endDate: '2030-03-15',
  hoursTotal: 24,
  seats: 2,
};

describe('request schemas shared by the api and the web forms', () => {
  it('say what is wrong in French, one sentence per field', () => {
    expect(
      messages(registerBody, {
        role: 'postier',
        firstName: ' ',
        lastName: 'Martin',
        email: '',
        password: 'court',
      }),
    ).toEqual({
      firstName: 'Saisissez votre prénom.',
      email: 'Saisissez votre adresse e-mail.',
      password: 'Le mot de passe doit compter au moins 12 caractères.',
    });
    expect(messages(loginBody, { email: 'camille.martin', password: '' })).toEqual({
      email: 'Saisissez une adresse e-mail valide, par exemple prenom.nom@laposte.fr.',
      password: 'Saisissez votre mot de passe.',
    });
    expect(messages(submitApplicationBody, { motivation: 'Oui !' })).toEqual({
      motivation: 'Expliquez votre motivation en 20 caractères au moins.',
    });
    expect(messages(timeEntryBody, { date: '', hours: 1.1 })).toEqual({
      date: 'Saisissez le jour.',
      hours: 'Par quarts d’heure : 1 ; 1,25 ; 1,5…',
    });
    expect(messages(createMissionBody, { ...mission, hoursTotal: Number.NaN, communeCode: 'Lyon' })).toEqual({
      communeCode: 'Choisissez la commune dans la liste.',
      hoursTotal: 'Saisissez un nombre d’heures.',
    });
  });

  it('name the field at fault, down to the item of a list', () => {
    const twice = { ...mission, skills: [mission.skills[0], { code: 'usages-numeriques', level: 3 }] };
    expect(messages(createMissionBody, twice)).toEqual({
      'skills.1.code': 'Cette compétence figure deux fois.',
    });
    expect(messages(updateMeBody, { skills: [{ code: 'cuisine', level: 5 }] })).toEqual({
      'skills.0.level': 'Le niveau va de 1 à 4.',
    });
  });

  it('parse a valid payload into what the api handles: trimmed, normalised, defaults filled', () => {
    expect(
      registerBody.parse({
        role: 'association',
        firstName: ' Camille ',
        lastName: 'Martin',
        email: ' Camille.Martin@Example.ORG ',
        password: 'une phrase facile à retenir',
      }),
    ).toEqual({
      role: 'association',
      firstName: 'Camille',
      lastName: 'Martin',
      email: 'camille.martin@example.org',
      password: 'une phrase facile à retenir',
    });
    expect(createMissionBody.parse({ ...mission, communeCode: ' 2a004 ' })).toEqual({
      ...mission,
      communeCode: '2A004',
      skills: [{ code: 'usages-numeriques', level: 2, required: true }],
    });
    expect(
      createAssociationBody.parse({
        name: 'Les Petits Frères',
        rna: ' w751234567 ',
        siret: '356 000 000 00048',
        description: '',
        communeCode: '75056',
        domains: ['inclusion-numerique'],
      }),
    ).toMatchObject({ rna: 'W751234567', siret: '35600000000048' });
    expect(timeEntryBody.parse({ date: '2030-01-15', hours: 1.25 })).toEqual({
      date: '2030-01-15',
      hours: 1.25,
      note: '',
    });
  });

  it('refuse what the api refuses: unknown fields, empty updates', () => {
    const extra = loginBody.safeParse({ email: 'a@laposte.fr', password: 'x', isAdmin: true });
    expect(extra.success).toBe(false);
    expect(extra.error?.issues[0]?.code).toBe('unrecognized_keys');
    expect(messages(updateMissionBody, {})).toEqual({ _form: 'Modifiez au moins un champ.' });
    expect(messages(hrUserBody, { firstName: 'Lou', lastName: 'Durand', email: '', scopes: [] })).toEqual({
      email: 'Saisissez son adresse e-mail.',
      scopes: 'Choisissez au moins une région ou une branche.',
    });
  });
});
