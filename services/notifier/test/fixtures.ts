import { randomUUID } from 'node:crypto';
import { type Database, schema } from '@passerelle/db';
import type { NotificationFrequency, Role } from '@passerelle/domain';

/** Paris (Île-de-France, région 11) and Lyon (Auvergne-Rhône-Alpes, région 84), from the reference data. */
export const PARIS = '75056';
export const LYON = '69123';

export interface FixtureUser {
  id: string;
  email: string;
  firstName: string;
}

export async function createUser(
  db: Database,
  role: Role,
  options: {
    firstName?: string;
    verified?: boolean;
    recommendations?: NotificationFrequency;
    activity?: NotificationFrequency;
    communeCode?: string;
    matchingOptIn?: boolean;
  } = {},
): Promise<FixtureUser> {
  const suffix = randomUUID().slice(0, 8);
  const email = `${role}.${suffix}@${role === 'association' ? 'asso.example.org' : 'laposte.fr'}`;
  const firstName = options.firstName ?? 'Camille';
  const [user] = await db
    .insert(schema.users)
    .values({
      email,
      role,
      firstName,
      lastName: `Test-${suffix}`,
      emailVerifiedAt: options.verified === false ? null : new Date(),
    })
    .returning({ id: schema.users.id });
  if (!user) throw new Error('user insert failed');
  await db.insert(schema.notificationPreferences).values({
    userId: user.id,
    recommendations: options.recommendations ?? 'immediate',
    activity: options.activity ?? 'immediate',
  });
  if (role === 'postier') {
    await db.insert(schema.postierProfiles).values({
      userId: user.id,
      communeCode: options.communeCode ?? PARIS,
      matchingOptIn: options.matchingOptIn ?? true,
    });
  }
  return { id: user.id, email, firstName };
}

let siretSeed = Math.floor(Math.random() * 1e8);

function rna(): string {
  siretSeed += 1;
  return `W${String(siretSeed % 1e9).padStart(9, '0')}`;
}

export async function createAssociation(
  db: Database,
  options: { name?: string; members?: FixtureUser[]; labelStatus?: string; labelReason?: string } = {},
) {
  const [association] = await db
    .insert(schema.associations)
    .values({
      name: options.name ?? `Les Amis du Quartier ${randomUUID().slice(0, 4)}`,
      rna: rna(),
      communeCode: PARIS,
      labelStatus: options.labelStatus ?? 'labelled',
      labelReason: options.labelReason ?? null,
    })
    .returning({ id: schema.associations.id, name: schema.associations.name });
  if (!association) throw new Error('association insert failed');
  for (const member of options.members ?? []) {
    await db.insert(schema.associationMembers).values({ associationId: association.id, userId: member.id });
  }
  return association;
}

export async function createMission(
  db: Database,
  associationId: string,
  options: { title?: string; status?: string; endDate?: string } = {},
) {
  const [mission] = await db
    .insert(schema.missions)
    .values({
      associationId,
      title: options.title ?? 'Atelier numérique pour les seniors',
      description: 'Accompagner des personnes âgées dans leurs démarches en ligne.',
      domainCode: 'inclusion-numerique',
      communeCode: PARIS,
      mode: 'onsite',
      startDate: '2026-01-05',
      endDate: options.endDate ?? '2027-06-30',
      hoursTotal: 20,
      status: options.status ?? 'published',
      publishedAt: new Date(),
    })
    .returning({ id: schema.missions.id, title: schema.missions.title });
  if (!mission) throw new Error('mission insert failed');
  return mission;
}

export async function createApplication(
  db: Database,
  missionId: string,
  postierId: string,
  values: Partial<typeof schema.applications.$inferInsert> = {},
) {
  const [application] = await db
    .insert(schema.applications)
    .values({ missionId, postierId, motivation: 'Je souhaite aider.', ...values })
    .returning({ id: schema.applications.id });
  if (!application) throw new Error('application insert failed');
  return application;
}

export async function createTimeEntry(
  db: Database,
  applicationId: string,
  values: Partial<typeof schema.timeEntries.$inferInsert> = {},
) {
  const [entry] = await db
    .insert(schema.timeEntries)
    .values({ applicationId, date: '2026-03-12', hours: '3.50', ...values })
    .returning({ id: schema.timeEntries.id });
  if (!entry) throw new Error('time entry insert failed');
  return entry;
}
