import { hashToken, schema, writeOutbox } from '@passerelle/db';
import { outboxJobId, QUEUES } from '@passerelle/queue';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTIFICATION_JOB_NAMES } from '../src/handlers';
import { EVENT_TYPES } from '../src/rules';
import { SCHEDULES } from '../src/schedules';
import {
  createApplication,
  createAssociation,
  createMission,
  createTimeEntry,
  createUser,
  LYON,
} from './fixtures';
import { deliveriesOf, eventProcessed, type Harness, linkIn, startHarness, to, waitUntil } from './harness';

const PUBLIC = 'http://passerelle.test';

describe('notifier: the email of each journey', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());

  it('knows every event the api and the workers write', () => {
    for (const type of [
      'user.registered',
      'password_reset.requested',
      'hr.invited',
      'association.created',
      'association.labelled',
      'association.rejected',
      'association.suspended',
      'association.member_added',
      'mission.published',
      'mission.updated',
      'mission.closed',
      'mission.filled',
      'application.submitted',
      'application.accepted',
      'application.declined',
      'application.withdrawn',
      'application.hr_decided',
      'time_entry.submitted',
      'time_entry.confirmed',
      'time_entry.validated',
      'time_entry.rejected',
      'matches.ready',
      'invitation.sent',
      'invitations.requested',
      'profile.updated',
      'account.inactivity_reminder',
      'user.erased',
      'delivery.retry',
    ]) {
      expect(NOTIFICATION_JOB_NAMES).toContain(type);
    }
    expect(new Set(NOTIFICATION_JOB_NAMES).size).toBe(NOTIFICATION_JOB_NAMES.length);
    expect(EVENT_TYPES.length).toBeGreaterThan(20);
  });

  it('sends the verification email once, with a fresh single-use token and a stable Message-ID', async () => {
    const user = await createUser(h.database.db, 'postier', { firstName: 'Élodie', verified: false });
    const eventId = await writeOutbox(h.database.db, 'user.registered', { userId: user.id });
    const mail = await h.sink.waitFor(to(user.email));
    expect(mail.subject).toBe('Confirmez votre adresse e-mail pour activer votre compte Passerelle');
    expect(mail.text).toContain('Bonjour Élodie');
    expect(mail.html).toContain('lang="fr"');
    const link = linkIn(mail, `${PUBLIC}/verifier-email?token=`);
    const token = link.searchParams.get('token') ?? '';
    const [stored] = await h.database.db
      .select()
      .from(schema.emailTokens)
      .where(eq(schema.emailTokens.tokenHash, hashToken(token)));
    expect(stored).toMatchObject({ userId: user.id, purpose: 'verify_email', usedAt: null });
    // Transactional: no unsubscribe on an account email.
    expect(mail.headers['list-unsubscribe']).toBeUndefined();

    const [delivery] = await waitUntil(async () => {
      const rows = await deliveriesOf(h, user.id);
      return rows[0]?.status === 'sent' ? rows : undefined;
    });
    expect(delivery).toMatchObject({
      eventId,
      dedupeKey: `${eventId}:${user.id}:account.verify-email`,
      template: 'account.verify-email',
      attempts: 1,
    });
    expect(mail.messageId).toBe(delivery?.messageId);
    expect(delivery?.messageId).toMatch(/^<[0-9a-f-]{36}@passerelle>$/);

    // The same event handed over again (a relay that died before its COMMIT, a stalled job): nothing more.
    const job = await h.notifier.queues.notifications.add(
      'user.registered',
      { outboxId: eventId, eventType: 'user.registered', payload: { userId: user.id } },
      { jobId: `${outboxJobId(eventId)}-again` },
    );
    await waitUntil(async () => ((await job.isCompleted()) ? true : undefined));
    expect(await job.getState()).toBe('completed');
    expect(h.sink.messages.filter(to(user.email))).toHaveLength(1);
    expect(await deliveriesOf(h, user.id)).toHaveLength(1);
  });

  it('sends the password reset and the HR invitation, each with its own kind of token', async () => {
    const postier = await createUser(h.database.db, 'postier', { firstName: 'Jules' });
    await writeOutbox(h.database.db, 'password_reset.requested', { userId: postier.id });
    const reset = await h.sink.waitFor(to(postier.email));
    expect(reset.subject).toBe('Réinitialisez votre mot de passe Passerelle');
    const resetToken = linkIn(reset, `${PUBLIC}/reinitialiser-mot-de-passe?token=`).searchParams.get('token');
    const [resetRow] = await h.database.db
      .select({ purpose: schema.emailTokens.purpose })
      .from(schema.emailTokens)
      .where(eq(schema.emailTokens.tokenHash, hashToken(resetToken ?? '')));
    expect(resetRow?.purpose).toBe('password_reset');

    const hr = await createUser(h.database.db, 'hr', { firstName: 'Nadia', verified: false });
    await h.database.db.insert(schema.hrScopes).values({ userId: hr.id, regionCode: '84' });
    await writeOutbox(h.database.db, 'hr.invited', { userId: hr.id });
    const invitation = await h.sink.waitFor(to(hr.email));
    expect(invitation.subject).toBe('Votre accès ressources humaines à Passerelle');
    expect(invitation.text).toContain('Auvergne-Rhône-Alpes');
    const hrToken = linkIn(invitation, `${PUBLIC}/definir-mot-de-passe?token=`).searchParams.get('token');
    const [hrRow] = await h.database.db
      .select({ purpose: schema.emailTokens.purpose })
      .from(schema.emailTokens)
      .where(eq(schema.emailTokens.tokenHash, hashToken(hrToken ?? '')));
    expect(hrRow?.purpose).toBe('hr_invitation');
  });

  it('warns an inactive account before its deletion, with the date', async () => {
    const user = await createUser(h.database.db, 'postier', { firstName: 'Paul' });
    await h.database.db
      .update(schema.users)
      .set({ lastActiveAt: new Date('2023-12-20T10:00:00Z'), inactivityRemindersSent: 2 })
      .where(eq(schema.users.id, user.id));
    await writeOutbox(h.database.db, 'account.inactivity_reminder', { userId: user.id, reminderNumber: 2 });
    const mail = await h.sink.waitFor(to(user.email));
    expect(mail.subject).toBe(
      'Dernier rappel\u00a0: votre compte Passerelle sera supprimé le 20 décembre 2026',
    );
    expect(linkIn(mail, `${PUBLIC}/connexion`).pathname).toBe('/connexion');
  });

  it('tells the admins about a new association, and its members about the label decisions', async () => {
    const admin = await createUser(h.database.db, 'admin');
    const member = await createUser(h.database.db, 'association');
    const association = await createAssociation(h.database.db, {
      name: 'Recyclerie du Canal',
      members: [member],
      labelStatus: 'pending',
    });
    await writeOutbox(h.database.db, 'association.created', { associationId: association.id });
    const pending = await h.sink.waitFor(to(admin.email));
    expect(pending.subject).toBe('Association à labelliser\u00a0: Recyclerie du Canal');
    expect(linkIn(pending, `${PUBLIC}/admin/associations/`).pathname).toBe(
      `/admin/associations/${association.id}`,
    );

    await h.database.db
      .update(schema.associations)
      .set({ labelStatus: 'labelled' })
      .where(eq(schema.associations.id, association.id));
    await writeOutbox(h.database.db, 'association.labelled', { associationId: association.id });
    const granted = await h.sink.waitFor((m) => to(member.email)(m) && m.subject.includes('labellisée'));
    expect(granted.subject).toBe('Recyclerie du Canal est labellisée Alliance Dynamique');

    await h.database.db
      .update(schema.associations)
      .set({ labelStatus: 'suspended', labelReason: 'Statuts à mettre à jour' })
      .where(eq(schema.associations.id, association.id));
    await writeOutbox(h.database.db, 'association.suspended', { associationId: association.id });
    const suspended = await h.sink.waitFor(
      (m) => to(member.email)(m) && m.subject.startsWith('Label suspendu'),
    );
    expect(suspended.text).toContain('Statuts à mettre à jour');

    const other = await createUser(h.database.db, 'association');
    const refusedAssociation = await createAssociation(h.database.db, {
      name: 'Club Fantôme',
      members: [other],
      labelStatus: 'rejected',
      labelReason: 'RNA inconnu',
    });
    await writeOutbox(h.database.db, 'association.rejected', { associationId: refusedAssociation.id });
    const refused = await h.sink.waitFor(to(other.email));
    expect(refused.subject).toBe('Votre demande de label pour Club Fantôme');
    expect(refused.text).toContain('RNA inconnu');
  });

  it('follows an application from submission to the HR decision and the hours', async () => {
    const member = await createUser(h.database.db, 'association');
    const association = await createAssociation(h.database.db, { members: [member] });
    const mission = await createMission(h.database.db, association.id, { title: 'Tri des dons' });
    const postier = await createUser(h.database.db, 'postier', { firstName: 'Léa' });
    const application = await createApplication(h.database.db, mission.id, postier.id);

    await writeOutbox(h.database.db, 'application.submitted', { applicationId: application.id });
    const submitted = await h.sink.waitFor(to(member.email));
    expect(submitted.subject).toBe('Nouvelle candidature pour «\u00a0Tri des dons\u00a0»');
    expect(submitted.text).toContain('Léa');
    expect(linkIn(submitted, `${PUBLIC}/association/missions/`).pathname).toBe(
      `/association/missions/${mission.id}/candidatures`,
    );

    await h.database.db
      .update(schema.applications)
      .set({ status: 'accepted', decisionReason: 'Bienvenue !', hrStatus: 'pending' })
      .where(eq(schema.applications.id, application.id));
    await writeOutbox(h.database.db, 'application.accepted', { applicationId: application.id });
    const accepted = await h.sink.waitFor(to(postier.email));
    expect(accepted.subject).toBe('Votre candidature pour «\u00a0Tri des dons\u00a0» est acceptée');
    expect(accepted.text).toContain('Bienvenue !');

    await h.database.db
      .update(schema.applications)
      .set({ hrStatus: 'approved' })
      .where(eq(schema.applications.id, application.id));
    await writeOutbox(h.database.db, 'application.hr_decided', { applicationId: application.id });
    const decided = await h.sink.waitFor((m) => to(postier.email)(m) && m.subject.includes('par les RH'));
    expect(decided.subject).toBe('Votre participation à «\u00a0Tri des dons\u00a0» est acceptée par les RH');

    const entry = await createTimeEntry(h.database.db, application.id, { date: '2026-03-12', hours: '3.50' });
    await writeOutbox(h.database.db, 'time_entry.submitted', { timeEntryId: entry.id });
    const toConfirm = await h.sink.waitFor(
      (m) => to(member.email)(m) && m.subject.startsWith('Heures à confirmer'),
    );
    expect(toConfirm.text).toContain('3,5 heures');

    await h.database.db
      .update(schema.timeEntries)
      .set({ status: 'validated' })
      .where(eq(schema.timeEntries.id, entry.id));
    await writeOutbox(h.database.db, 'time_entry.validated', { timeEntryId: entry.id });
    const validated = await h.sink.waitFor((m) => to(postier.email)(m) && m.subject.includes('validées'));
    expect(validated.subject).toBe('Vos heures du 12 mars 2026 sont validées');

    const rejectedEntry = await createTimeEntry(h.database.db, application.id, {
      date: '2026-03-13',
      status: 'rejected',
      rejectionReason: 'Date hors mission',
    });
    await writeOutbox(h.database.db, 'time_entry.rejected', { timeEntryId: rejectedEntry.id });
    const rejected = await h.sink.waitFor((m) => to(postier.email)(m) && m.subject.includes('n’ont pas été'));
    expect(rejected.text).toContain('Date hors mission');

    // A second postier withdraws, a third is declined.
    const other = await createUser(h.database.db, 'postier');
    const withdrawn = await createApplication(h.database.db, mission.id, other.id, { status: 'withdrawn' });
    await writeOutbox(h.database.db, 'application.withdrawn', { applicationId: withdrawn.id });
    await h.sink.waitFor((m) => to(member.email)(m) && m.subject.startsWith('Candidature retirée'));
    const third = await createUser(h.database.db, 'postier');
    const declined = await createApplication(h.database.db, mission.id, third.id, { status: 'declined' });
    await writeOutbox(h.database.db, 'application.declined', { applicationId: declined.id });
    const declinedMail = await h.sink.waitFor(to(third.email));
    expect(declinedMail.subject).toBe('Votre candidature pour «\u00a0Tri des dons\u00a0»');
  });

  it('recommends a mission once with a one-click unsubscribe, and invites with one too', async () => {
    const association = await createAssociation(h.database.db, { name: 'Repair Café' });
    const mission = await createMission(h.database.db, association.id, { title: 'Réparer des vélos' });
    const postier = await createUser(h.database.db, 'postier', {
      firstName: 'Inès',
      recommendations: 'immediate',
    });
    await h.database.db.insert(schema.matches).values({
      missionId: mission.id,
      postierId: postier.id,
      rank: 1,
      score: 0.82,
      reasons: [
        { kind: 'skill_match', skillCode: 'gestion-entrepot', level: 3, required: true, weight: 0.4 },
        { kind: 'distance', km: 4.2, radiusKm: 20, weight: 0.2 },
      ],
    });
    const first = await writeOutbox(h.database.db, 'matches.ready', { missionId: mission.id });
    const mail = await h.sink.waitFor(to(postier.email));
    expect(mail.subject).toBe('Une mission qui pourrait vous correspondre');
    expect(mail.text).toContain('Réparer des vélos');
    expect(mail.text).toContain('82\u00a0%');
    expect(mail.text).toContain("Compétence\u00a0: Gestion d'entrepôt");
    const header = mail.headers['list-unsubscribe'] ?? '';
    expect(header).toMatch(/^<http:\/\/passerelle\.test\/api\/v1\/unsubscribe\?token=[\w-]+>$/);
    expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    const token = new URL(header.slice(1, -1)).searchParams.get('token') ?? '';
    const [stored] = await h.database.db
      .select({ userId: schema.emailTokens.userId, purpose: schema.emailTokens.purpose })
      .from(schema.emailTokens)
      .where(eq(schema.emailTokens.tokenHash, hashToken(token)));
    expect(stored).toEqual({ userId: postier.id, purpose: 'unsubscribe' });
    // The footer links to the same page.
    expect(mail.text).toContain(header.slice(1, -1));

    // The mission is re-ranked (mission.updated): no second email about it.
    const second = await writeOutbox(h.database.db, 'matches.ready', { missionId: mission.id });
    await eventProcessed(h, second);
    expect(h.sink.messages.filter(to(postier.email))).toHaveLength(1);
    expect(first).toBeLessThan(second);

    await writeOutbox(h.database.db, 'invitation.sent', { missionId: mission.id, postierId: postier.id });
    const invitation = await h.sink.waitFor((m) => to(postier.email)(m) && m.subject.includes('vous invite'));
    expect(invitation.subject).toBe('Repair Café vous invite sur la mission «\u00a0Réparer des vélos\u00a0»');
    // Same person, same link: one stable unsubscribe token per user.
    expect(invitation.headers['list-unsubscribe']).toBe(header);
  });

  it('holds activity for a daily digest and sends one digest per person and day', async () => {
    const member = await createUser(h.database.db, 'association');
    const association = await createAssociation(h.database.db, { members: [member] });
    const mission = await createMission(h.database.db, association.id, { title: 'Potager partagé' });
    const postier = await createUser(h.database.db, 'postier', { firstName: 'Hugo', activity: 'daily' });
    const silentOne = await createUser(h.database.db, 'postier', { activity: 'never' });
    const application = await createApplication(h.database.db, mission.id, postier.id, {
      status: 'accepted',
    });
    const ignored = await createApplication(h.database.db, mission.id, silentOne.id, { status: 'accepted' });
    const held = await writeOutbox(h.database.db, 'application.accepted', { applicationId: application.id });
    const never = await writeOutbox(h.database.db, 'application.accepted', { applicationId: ignored.id });
    for (const id of [held, never]) await eventProcessed(h, id);
    expect(
      h.sink.messages.filter((m) => m.to.includes(postier.email) || m.to.includes(silentOne.email)),
    ).toEqual([]);
    const items = await h.database.db
      .select()
      .from(schema.digestItems)
      .where(eq(schema.digestItems.userId, postier.id));
    expect(items).toMatchObject([
      {
        channel: 'activity',
        kind: 'application',
        title: 'Votre candidature pour «\u00a0Potager partagé\u00a0» est acceptée',
        dedupeKey: `${held}:${postier.id}:postier.application-accepted`,
        digestKey: null,
      },
    ]);

    const fanOut = async (date: string) => {
      const job = await h.notifier.queues.notifications.add('digest.daily', { date });
      await waitUntil(async () => ((await job.isCompleted()) ? true : undefined));
      return h.notifier.queues.notifications.getJob(`digest-daily-${date}-${postier.id}`);
    };
    const runDigest = async (date: string) => {
      const job = await fanOut(date);
      if (!job) throw new Error('no digest job for the postier');
      await waitUntil(async () => ((await job.isCompleted()) ? true : undefined));
    };
    await runDigest('2026-11-23');
    const digest = await h.sink.waitFor(to(postier.email));
    expect(digest.subject).toBe('Votre récapitulatif quotidien Passerelle');
    expect(digest.text).toContain('Potager partagé');
    expect(digest.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(linkIn(digest, `${PUBLIC}/missions/`).pathname).toBe(`/missions/${mission.id}`);
    const [prefs] = await h.database.db
      .select({ lastDigestAt: schema.notificationPreferences.lastDigestAt })
      .from(schema.notificationPreferences)
      .where(eq(schema.notificationPreferences.userId, postier.id));
    expect(prefs?.lastDigestAt).toBeInstanceOf(Date);
    const [delivery] = await h.database.db
      .select()
      .from(schema.emailDeliveries)
      .where(eq(schema.emailDeliveries.dedupeKey, `digest:daily:2026-11-23:${postier.id}`));
    expect(delivery?.status).toBe('sent');

    // The fan-out running again the same day (a retry, a second notifier) sends nothing more,
    // and the next day there is nothing new to tell.
    const again = await h.notifier.queues.notifications.add('digest.user', {
      userId: postier.id,
      period: 'daily',
      date: '2026-11-23',
    });
    await waitUntil(async () => ((await again.isCompleted()) ? true : undefined));
    const finished = await h.notifier.queues.notifications.getJob(again.id ?? '');
    expect(finished?.returnvalue).toEqual({ outcome: 'already-sent' });
    expect(await fanOut('2026-11-24')).toBeUndefined();
    expect(h.sink.messages.filter(to(postier.email))).toHaveLength(1);
  });

  it('sends HR the approvals and hours waiting in its région only', async () => {
    const hr = await createUser(h.database.db, 'hr', { firstName: 'Sofia' });
    await h.database.db.insert(schema.hrScopes).values({ userId: hr.id, regionCode: '84' });
    const association = await createAssociation(h.database.db);
    const mission = await createMission(h.database.db, association.id);
    const inLyon = await createUser(h.database.db, 'postier', { communeCode: LYON });
    const inParis = await createUser(h.database.db, 'postier');
    await createApplication(h.database.db, mission.id, inLyon.id, {
      status: 'accepted',
      hrStatus: 'pending',
    });
    await createApplication(h.database.db, mission.id, inParis.id, {
      status: 'accepted',
      hrStatus: 'pending',
    });
    const otherMission = await createMission(h.database.db, association.id);
    const approved = await createApplication(h.database.db, otherMission.id, inLyon.id, {
      status: 'accepted',
      hrStatus: 'approved',
    });
    await createTimeEntry(h.database.db, approved.id, { status: 'confirmed', hours: '2.00' });
    await createTimeEntry(h.database.db, approved.id, {
      status: 'confirmed',
      hours: '1.50',
      date: '2026-03-14',
    });

    const fanOut = await h.notifier.queues.notifications.add('digest.hr', { date: '2026-11-23' });
    await waitUntil(async () => ((await fanOut.isCompleted()) ? true : undefined));
    const mail = await h.sink.waitFor(to(hr.email));
    expect(mail.subject).toBe(
      'Passerelle RH\u00a0: 1 participation à approuver et 2 déclarations d’heures à valider',
    );
    expect(mail.text).toContain('3,5 heures');
    expect(mail.headers['list-unsubscribe']).toBeUndefined();
  });

  it('registers the digest and maintenance schedulers in Paris time, and closes expired missions', async () => {
    const own = h.notifier.queues;
    const schedulers = [
      ...(await own.notifications.getJobSchedulers()),
      ...(await own.maintenance.getJobSchedulers()),
    ];
    for (const schedule of SCHEDULES) {
      expect(schedulers).toContainEqual(
        expect.objectContaining({ key: schedule.id, pattern: schedule.pattern, tz: 'Europe/Paris' }),
      );
    }
    expect(SCHEDULES.map((s) => [s.id, s.pattern])).toEqual([
      ['digest-daily', '0 7 * * *'],
      ['digest-weekly', '0 7 * * 1'],
      ['digest-hr-daily', '0 7 * * *'],
      ['close-expired-missions', '15 0 * * *'],
      ['purge-inactive-accounts', '30 3 * * *'],
    ]);

    const association = await createAssociation(h.database.db);
    const expired = await createMission(h.database.db, association.id, { endDate: '2026-11-22' });
    const running = await createMission(h.database.db, association.id, { endDate: '2026-11-23' });
    const job = await own.maintenance.add('missions.close-expired', { date: '2026-11-23' });
    await waitUntil(async () => ((await job.isCompleted()) ? true : undefined));
    const rows = await h.database.db
      .select({ id: schema.missions.id, status: schema.missions.status })
      .from(schema.missions)
      .where(and(eq(schema.missions.associationId, association.id)));
    expect(Object.fromEntries(rows.map((r) => [r.id, r.status]))).toEqual({
      [expired.id]: 'closed',
      [running.id]: 'published',
    });
    expect(QUEUES.maintenance).toBe('maintenance');
  });
});
