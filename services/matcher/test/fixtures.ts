import { randomUUID } from 'node:crypto';
import { type Database, schema } from '@passerelle/db';

/** Rows written straight to the database: the matcher only reads them. */

export const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

export const COMMUNES = {
  lyon: '69123',
  villeurbanne: '69266',
  marseille: '13055',
  paris: '75056',
} as const;

export const SKILLS = [
  'comptabilite-generale',
  'gestion-entrepot',
  'accompagnement-numerique',
  'cybersecurite',
];

export interface PostierInput {
  skills?: { code: string; level: number }[];
  communeCode?: string | null;
  radiusKm?: number;
  remoteOk?: boolean;
  optIn?: boolean;
  status?: 'active' | 'disabled';
  yearlyQuotaHours?: number | null;
  firstName?: string;
}

export async function insertPostier(db: Database, input: PostierInput = {}): Promise<string> {
  const suffix = randomUUID().slice(0, 8);
  const [user] = await db
    .insert(schema.users)
    .values({
      email: `postier.${suffix}@laposte.fr`,
      role: 'postier',
      status: input.status ?? 'active',
      firstName: input.firstName ?? 'Camille',
      lastName: `Test-${suffix}`,
    })
    .returning({ id: schema.users.id });
  if (!user) throw new Error('user insert failed');
  await db.insert(schema.postierProfiles).values({
    userId: user.id,
    communeCode: input.communeCode === undefined ? COMMUNES.lyon : input.communeCode,
    mobilityRadiusKm: input.radiusKm ?? 20,
    remoteOk: input.remoteOk ?? false,
    matchingOptIn: input.optIn ?? true,
    yearlyQuotaHours: input.yearlyQuotaHours ?? null,
  });
  const skills = input.skills ?? [];
  if (skills.length) {
    await db
      .insert(schema.postierSkills)
      .values(skills.map((s) => ({ userId: user.id, skillCode: s.code, level: s.level })));
  }
  return user.id;
}

export async function insertAssociation(db: Database): Promise<string> {
  const [association] = await db
    .insert(schema.associations)
    .values({
      name: `Les Amis du Quartier ${randomUUID().slice(0, 6)}`,
      rna: `W${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`,
      communeCode: COMMUNES.lyon,
      labelStatus: 'labelled',
    })
    .returning({ id: schema.associations.id });
  if (!association) throw new Error('association insert failed');
  return association.id;
}

export interface MissionInput {
  associationId: string;
  mode?: 'onsite' | 'hybrid' | 'remote';
  communeCode?: string | null;
  skills?: { code: string; level: number; required?: boolean }[];
  status?: 'draft' | 'published' | 'closed';
  hoursTotal?: number;
}

export async function insertMission(db: Database, input: MissionInput): Promise<string> {
  const mode = input.mode ?? 'onsite';
  const [mission] = await db
    .insert(schema.missions)
    .values({
      associationId: input.associationId,
      title: 'Tenir la comptabilité',
      description: "Aider l'association à tenir ses comptes et son entrepôt, deux après-midis par mois.",
      domainCode: 'inclusion-numerique',
      communeCode:
        input.communeCode === undefined ? (mode === 'remote' ? null : COMMUNES.lyon) : input.communeCode,
      mode,
      startDate: inDays(10),
      endDate: inDays(60),
      hoursTotal: input.hoursTotal ?? 20,
      status: input.status ?? 'published',
      publishedAt: input.status === 'draft' ? null : new Date(),
    })
    .returning({ id: schema.missions.id });
  if (!mission) throw new Error('mission insert failed');
  const skills = input.skills ?? SKILLS.map((code) => ({ code, level: 3, required: true }));
  await db.insert(schema.missionSkills).values(
    skills.map((s) => ({
      missionId: mission.id,
      skillCode: s.code,
      level: s.level,
      required: s.required ?? true,
    })),
  );
  return mission.id;
}

export const allSkills = (level = 3) => SKILLS.map((code) => ({ code, level }));
export const halfSkills = (level = 3) => SKILLS.slice(0, 2).map((code) => ({ code, level }));

export const silent = { info() {}, warn() {}, error() {} };
