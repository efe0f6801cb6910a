import { type Database, inactivityErasureDate, schema } from '@passerelle/db';
import { isUuid } from '@passerelle/domain';
import {
  type DigestItemKind,
  type HrDecision,
  type MissionMode,
  PAGES,
  type RenderedEmail,
  renderEmail,
  type TemplateDataMap,
  type TemplateName,
} from '@passerelle/mail';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { EmailPlan, RenderTools } from './deliver';
import { loadReasonLabels, reasonTexts } from './reasons';
import { adminIds, associationMemberIds, type Recipient } from './recipients';
import type { DeliveryStore } from './store';

const { users, associations, missions, applications, timeEntries, matches, communes, hrScopes } = schema;

/**
 * Which preference an email answers to. Transactional emails (account, label decisions, admin
 * work) always go out; activity and recommendations follow the recipient's choice: at once, held
 * for the daily or weekly digest, or never.
 */
export type Channel = 'transactional' | 'activity' | 'recommendations';

export interface DigestHint {
  kind: DigestItemKind;
  /** Defaults to the email's subject. */
  title?: string;
  /** A path on the site, resolved against PUBLIC_URL in the digest. */
  url?: string | null;
}

export interface PlannedEmail extends EmailPlan {
  channel: Channel;
  /** What the digest shows when the recipient gets this news in a digest. */
  digest: DigestHint;
  /** Recommendation emails count against the monthly solicitation cap; the mission they are about. */
  solicitationMissionId: string | null;
}

export interface OutboxEvent {
  id: number;
  type: string;
  payload: Record<string, unknown>;
}

export interface PlanContext {
  db: Database;
  store: DeliveryStore;
}

export interface EmailRule {
  template: TemplateName;
  channel: Channel;
  plan(ctx: PlanContext, event: OutboxEvent): Promise<PlannedEmail[]>;
}

/** The payload does not carry the ids this event should: no retry can fix that. */
export class InvalidEventError extends Error {
  readonly code = 'INVALID_EVENT';
  constructor(eventId: number, field: string) {
    super(`outbox event ${eventId}: payload field "${field}" is missing or invalid`);
    this.name = 'InvalidEventError';
  }
}

function idsOf<F extends string>(event: OutboxEvent, fields: readonly F[]): Record<F, string> {
  const out = {} as Record<F, string>;
  for (const field of fields) {
    const value = event.payload[field];
    if (!isUuid(value)) throw new InvalidEventError(event.id, field);
    out[field] = value;
  }
  return out;
}

/**
 * One line of the mapping: an event's ids → what it is about (`load`, undefined when there is
 * nothing to say any more) → who hears about it (`recipients`, user ids) → the template's data for
 * each of them (`data`, where email tokens are issued, at send time).
 */
function rule<F extends string, L, K extends TemplateName>(def: {
  template: K;
  channel: Channel;
  fields: readonly F[];
  /** `event` for what is not an id (a reminder's number). */
  load(db: Database, ids: Record<F, string>, event: OutboxEvent): Promise<L | undefined> | L | undefined;
  recipients(db: Database, loaded: L): Promise<readonly string[]> | readonly string[];
  /** A recipient who needs no email after all (an address already verified). */
  skip?: (loaded: L, recipient: Recipient) => boolean;
  data(loaded: L, recipient: Recipient, tools: RenderTools): Promise<TemplateDataMap[K]> | TemplateDataMap[K];
  digest?: (loaded: L, recipient: Recipient) => DigestHint;
  /**
   * Replaces the event id in the dedupe key. Recommendations use the mission: a re-ranking after
   * `mission.updated` is no news to a postier already told about that mission.
   */
  scope?: (loaded: L) => string;
  /** The mission a recommendation is about: it counts against the postier's monthly solicitation cap. */
  solicitation?: (loaded: L) => string;
}): EmailRule {
  return {
    template: def.template,
    channel: def.channel,
    async plan({ db, store }, event) {
      const loaded = await def.load(db, idsOf(event, def.fields), event);
      if (loaded === undefined) return [];
      const ids = await def.recipients(db, loaded);
      const found = new Map((await store.recipients(ids)).map((r) => [r.userId, r]));
      // The resolver's order, so emails go out (and logs read) in a deterministic order.
      const recipients = ids.flatMap((id) => {
        const recipient = found.get(id);
        return recipient && !def.skip?.(loaded, recipient) ? [recipient] : [];
      });
      const scope = def.scope ? def.scope(loaded) : String(event.id);
      return [...new Map(recipients.map((r) => [r.userId, r])).values()].map(
        (recipient): PlannedEmail => ({
          recipient,
          template: def.template,
          channel: def.channel,
          eventId: event.id,
          dedupeKey: `${scope}:${recipient.userId}:${def.template}`,
          render: async (tools): Promise<RenderedEmail> =>
            renderEmail(def.template, await def.data(loaded, recipient, tools), tools.context),
          digest: def.digest ? def.digest(loaded, recipient) : { kind: 'info' },
          solicitationMissionId: def.solicitation ? def.solicitation(loaded) : null,
        }),
      );
    },
  };
}

// ---------------------------------------------------------------------------------------------
// What events are about

async function associationById(db: Database, associationId: string) {
  const [association] = await db
    .select({
      id: associations.id,
      name: associations.name,
      labelStatus: associations.labelStatus,
      labelReason: associations.labelReason,
    })
    .from(associations)
    .where(eq(associations.id, associationId));
  return association;
}

async function applicationById(db: Database, applicationId: string) {
  const [row] = await db
    .select({
      id: applications.id,
      status: applications.status,
      postierId: applications.postierId,
      decisionReason: applications.decisionReason,
      hrStatus: applications.hrStatus,
      hrComment: applications.hrComment,
      missionId: missions.id,
      missionTitle: missions.title,
      associationId: associations.id,
      associationName: associations.name,
      applicantFirstName: users.firstName,
    })
    .from(applications)
    .innerJoin(missions, eq(missions.id, applications.missionId))
    .innerJoin(associations, eq(associations.id, missions.associationId))
    .innerJoin(users, eq(users.id, applications.postierId))
    .where(eq(applications.id, applicationId));
  return row;
}

async function timeEntryById(db: Database, timeEntryId: string) {
  const [row] = await db
    .select({
      id: timeEntries.id,
      date: timeEntries.date,
      hours: timeEntries.hours,
      status: timeEntries.status,
      rejectionReason: timeEntries.rejectionReason,
      postierId: applications.postierId,
      missionId: missions.id,
      missionTitle: missions.title,
      associationId: missions.associationId,
    })
    .from(timeEntries)
    .innerJoin(applications, eq(applications.id, timeEntries.applicationId))
    .innerJoin(missions, eq(missions.id, applications.missionId))
    .where(eq(timeEntries.id, timeEntryId));
  return row;
}

/** Entries of a mission still waiting for the association, for « heures à confirmer ». */
async function hoursToConfirm(db: Database, missionId: string) {
  const [row] = await db
    .select({
      count: sql<number>`count(*)::int`,
      hours: sql<string>`coalesce(sum(${timeEntries.hours}), 0)::text`,
    })
    .from(timeEntries)
    .innerJoin(applications, eq(applications.id, timeEntries.applicationId))
    .where(and(eq(applications.missionId, missionId), eq(timeEntries.status, 'submitted')));
  return row ?? { count: 0, hours: '0' };
}

async function publishedMission(db: Database, missionId: string) {
  const [row] = await db
    .select({
      id: missions.id,
      title: missions.title,
      mode: missions.mode,
      status: missions.status,
      associationName: associations.name,
      communeName: communes.name,
    })
    .from(missions)
    .innerJoin(associations, eq(associations.id, missions.associationId))
    .leftJoin(communes, eq(communes.code, missions.communeCode))
    .where(eq(missions.id, missionId));
  // A mission closed or filled since: recommending or inviting to it would only disappoint.
  return row && row.status === 'published' ? { ...row, mode: row.mode as MissionMode } : undefined;
}

async function hrScopeLabel(db: Database, userId: string): Promise<string> {
  const rows = await db
    .select({ unit: schema.businessUnits.name, region: schema.regions.name })
    .from(hrScopes)
    .leftJoin(schema.businessUnits, eq(schema.businessUnits.id, hrScopes.businessUnitId))
    .leftJoin(schema.regions, eq(schema.regions.code, hrScopes.regionCode))
    .where(eq(hrScopes.userId, userId))
    .orderBy(asc(hrScopes.createdAt));
  const parts = rows.map((row) => [row.unit, row.region].filter(Boolean).join(', ')).filter(Boolean);
  return parts.length ? parts.join(' ; ') : 'à préciser par l’équipe Alliance Dynamique';
}

const path = (base: string, ...segments: string[]) =>
  [base, ...segments.map((s) => encodeURIComponent(s))].join('/');

// ---------------------------------------------------------------------------------------------
// The rules

type Application = NonNullable<Awaited<ReturnType<typeof applicationById>>>;
type TimeEntry = NonNullable<Awaited<ReturnType<typeof timeEntryById>>>;
type Association = NonNullable<Awaited<ReturnType<typeof associationById>>>;

/** An account email to its owner alone, carrying a single-use link. */
function accountLinkRule<K extends 'account.verify-email' | 'account.password-reset'>(
  template: K,
  purpose: 'verify_email' | 'password_reset',
  skip?: (recipient: Recipient) => boolean,
) {
  return rule({
    template,
    channel: 'transactional',
    fields: ['userId'],
    load: (_db, { userId }) => ({ userId }),
    recipients: (_db, { userId }) => [userId],
    ...(skip ? { skip: (_loaded: unknown, recipient: Recipient) => skip(recipient) } : {}),
    data: async (_loaded, recipient, tools) => ({
      firstName: recipient.firstName,
      token: await tools.token(purpose),
    }),
  });
}

/** A decision on an association's label, told to its members. */
function labelRule<
  K extends 'association.label-granted' | 'association.label-refused' | 'association.label-suspended',
>(template: K, data: (association: Association) => TemplateDataMap[K]) {
  return rule({
    template,
    channel: 'transactional',
    fields: ['associationId'],
    load: (db, { associationId }) => associationById(db, associationId),
    recipients: (db, association) => associationMemberIds(db, association.id),
    data,
  });
}

/** News of an application, for the association's members or for the postier who applied. */
function applicationRule<K extends TemplateName>(def: {
  template: K;
  to: 'association' | 'postier';
  data: (application: Application) => TemplateDataMap[K];
  digest: (application: Application) => DigestHint;
}) {
  return rule({
    template: def.template,
    channel: 'activity',
    fields: ['applicationId'],
    load: (db, { applicationId }) => applicationById(db, applicationId),
    recipients: (db, application) =>
      def.to === 'association'
        ? associationMemberIds(db, application.associationId)
        : [application.postierId],
    data: def.data,
    digest: def.digest,
  });
}

/** The association's answer on hours a postier declared, for that postier. */
function hoursDecisionRule<K extends 'postier.hours-validated' | 'postier.hours-rejected'>(
  template: K,
  data: (entry: TimeEntry) => TemplateDataMap[K],
) {
  return rule({
    template,
    channel: 'activity',
    fields: ['timeEntryId'],
    load: (db, { timeEntryId }) => timeEntryById(db, timeEntryId),
    recipients: (_db, entry) => [entry.postierId],
    data,
    digest: () => ({ kind: 'hours', url: PAGES.myHours }),
  });
}

// Already verified (an admin-made account, a second event): nothing to confirm.
const verifyEmail = accountLinkRule('account.verify-email', 'verify_email', (r) => r.emailVerified);
const passwordReset = accountLinkRule('account.password-reset', 'password_reset');

const hrInvitation = rule({
  template: 'account.hr-invitation',
  channel: 'transactional',
  fields: ['userId'],
  load: async (db, { userId }) => ({ userId, scopeLabel: await hrScopeLabel(db, userId) }),
  recipients: (_db, { userId }) => [userId],
  data: async (user, recipient, tools) => ({
    firstName: recipient.firstName,
    scopeLabel: user.scopeLabel,
    token: await tools.token('hr_invitation'),
  }),
});

const inactivityReminder = rule({
  template: 'account.inactivity-reminder',
  channel: 'transactional',
  fields: ['userId'],
  load: async (db, { userId }, event) => {
    const given = event.payload.reminderNumber;
    if (given !== 1 && given !== 2) throw new InvalidEventError(event.id, 'reminderNumber');
    const reminderNumber: 1 | 2 = given === 1 ? 1 : 2;
    const [user] = await db
      .select({ lastActiveAt: users.lastActiveAt, remindersSent: users.inactivityRemindersSent })
      .from(users)
      .where(eq(users.id, userId));
    // Active again since (a login resets the count): no deletion to announce.
    if (!user || user.remindersSent < reminderNumber) return undefined;
    return { userId, reminderNumber, deletionDate: inactivityErasureDate(user.lastActiveAt) };
  },
  recipients: (_db, { userId }) => [userId],
  data: (loaded, recipient) => ({
    firstName: recipient.firstName,
    reminderNumber: loaded.reminderNumber,
    deletionDate: loaded.deletionDate,
  }),
});

const associationPending = rule({
  template: 'admin.association-pending',
  channel: 'transactional',
  fields: ['associationId'],
  // Labelled or refused before the email left: the admins have nothing left to do.
  load: async (db, { associationId }) => {
    const association = await associationById(db, associationId);
    return association?.labelStatus === 'pending' ? association : undefined;
  },
  recipients: (db) => adminIds(db),
  data: (association) => ({ associationName: association.name, associationId: association.id }),
});

const labelGranted = labelRule('association.label-granted', (association) => ({
  associationName: association.name,
}));
const labelRefused = labelRule('association.label-refused', (association) => ({
  associationName: association.name,
  reason: association.labelReason,
}));
const labelSuspended = labelRule('association.label-suspended', (association) => ({
  associationName: association.name,
  reason: association.labelReason ?? '',
}));

const candidaturesPage = (application: Application): DigestHint => ({
  kind: 'application',
  url: path(PAGES.associationMissions, application.missionId, 'candidatures'),
});

const newApplication = applicationRule({
  template: 'association.new-application',
  to: 'association',
  data: (application) => ({
    associationName: application.associationName,
    missionTitle: application.missionTitle,
    missionId: application.missionId,
    applicantFirstName: application.applicantFirstName,
  }),
  digest: candidaturesPage,
});

const applicationWithdrawn = applicationRule({
  template: 'association.application-withdrawn',
  to: 'association',
  data: (application) => ({ missionTitle: application.missionTitle, missionId: application.missionId }),
  digest: candidaturesPage,
});

const decisionData = (application: Application) => ({
  missionTitle: application.missionTitle,
  missionId: application.missionId,
  reason: application.decisionReason,
});

const applicationAccepted = applicationRule({
  template: 'postier.application-accepted',
  to: 'postier',
  data: decisionData,
  digest: (application) => ({ kind: 'application', url: path(PAGES.mission, application.missionId) }),
});

const applicationDeclined = applicationRule({
  template: 'postier.application-declined',
  to: 'postier',
  data: decisionData,
  digest: () => ({ kind: 'application', url: PAGES.myApplications }),
});

const hrDecision = rule({
  template: 'postier.hr-decision',
  channel: 'activity',
  fields: ['applicationId'],
  load: async (db, { applicationId }) => {
    const application = await applicationById(db, applicationId);
    const decision = application?.hrStatus;
    return application && (decision === 'approved' || decision === 'refused')
      ? { ...application, decision: decision as HrDecision }
      : undefined;
  },
  recipients: (_db, application) => [application.postierId],
  data: (application) => ({
    missionTitle: application.missionTitle,
    decision: application.decision,
    comment: application.hrComment,
  }),
  digest: (application) => ({
    kind: 'application',
    url: application.decision === 'approved' ? PAGES.myHours : PAGES.myApplications,
  }),
});

const hoursSubmitted = rule({
  template: 'association.hours-to-confirm',
  channel: 'activity',
  fields: ['timeEntryId'],
  load: async (db, { timeEntryId }) => {
    const entry = await timeEntryById(db, timeEntryId);
    if (!entry) return undefined;
    const waiting = await hoursToConfirm(db, entry.missionId);
    // Confirmed in the meantime, with everything else: nothing is waiting any more.
    return waiting.count > 0 ? { ...entry, waiting } : undefined;
  },
  recipients: (db, entry) => associationMemberIds(db, entry.associationId),
  data: (entry) => ({
    missionTitle: entry.missionTitle,
    count: entry.waiting.count,
    hours: entry.waiting.hours,
  }),
  digest: () => ({ kind: 'hours', url: PAGES.associationHours }),
});

const hoursValidated = hoursDecisionRule('postier.hours-validated', (entry) => ({
  missionTitle: entry.missionTitle,
  date: entry.date,
  hours: entry.hours,
}));

const hoursRejected = hoursDecisionRule('postier.hours-rejected', (entry) => ({
  missionTitle: entry.missionTitle,
  date: entry.date,
  hours: entry.hours,
  reason: entry.rejectionReason,
}));

const recommendations = rule({
  template: 'postier.recommendations',
  channel: 'recommendations',
  fields: ['missionId'],
  load: async (db, { missionId }) => {
    const mission = await publishedMission(db, missionId);
    if (!mission) return undefined;
    // Postiers who applied since the ranking are not told about a mission they already know.
    const ranked = await db
      .select({ postierId: matches.postierId, score: matches.score, reasons: matches.reasons })
      .from(matches)
      .where(
        and(
          eq(matches.missionId, missionId),
          sql`not exists (select 1 from ${applications} a
                           where a.mission_id = ${matches.missionId} and a.postier_id = ${matches.postierId})`,
        ),
      )
      .orderBy(asc(matches.rank), asc(matches.postierId));
    const labels = await loadReasonLabels(
      db,
      ranked.map((r) => r.reasons),
    );
    const byPostier = new Map(
      ranked.map((r) => [r.postierId, { score: Number(r.score), reasons: reasonTexts(r.reasons, labels) }]),
    );
    return { mission, byPostier };
  },
  recipients: (_db, loaded) => [...loaded.byPostier.keys()],
  data: ({ mission, byPostier }, recipient) => {
    const match = byPostier.get(recipient.userId) ?? { score: 0, reasons: [] };
    return {
      firstName: recipient.firstName,
      missions: [
        {
          id: mission.id,
          title: mission.title,
          associationName: mission.associationName,
          communeName: mission.communeName,
          mode: mission.mode,
          score: match.score,
          reasons: match.reasons,
        },
      ],
    };
  },
  digest: ({ mission }) => ({
    kind: 'recommendation',
    title: `${mission.title} (${mission.associationName})`,
    url: path(PAGES.mission, mission.id),
  }),
  scope: ({ mission }) => `mission-${mission.id}`,
  solicitation: ({ mission }) => mission.id,
});

const missionInvitation = rule({
  template: 'postier.mission-invitation',
  channel: 'recommendations',
  fields: ['missionId', 'postierId'],
  load: async (db, { missionId, postierId }) => {
    const mission = await publishedMission(db, missionId);
    return mission ? { mission, postierId } : undefined;
  },
  recipients: (_db, { postierId }) => [postierId],
  data: ({ mission }, recipient) => ({
    firstName: recipient.firstName,
    missionId: mission.id,
    missionTitle: mission.title,
    associationName: mission.associationName,
  }),
  digest: ({ mission }) => ({
    kind: 'invitation',
    title: `${mission.title} (${mission.associationName})`,
    url: path(PAGES.mission, mission.id),
  }),
});

/** For events that reach the notifier (it hears every event) but make no email. */
const NO_EMAIL: readonly EmailRule[] = [];

/**
 * Event type → the emails it makes. Adding an email for a new event is one template in
 * @passerelle/mail and one line here; an event that emails nobody is listed with NO_EMAIL, so the
 * worker's boot check still knows it (an unknown job name fails loudly instead).
 */
export const EVENT_EMAILS: Readonly<Record<string, readonly EmailRule[]>> = {
  'user.registered': [verifyEmail],
  'password_reset.requested': [passwordReset],
  'hr.invited': [hrInvitation],
  'account.inactivity_reminder': [inactivityReminder],
  'association.created': [associationPending],
  'association.labelled': [labelGranted],
  'association.rejected': [labelRefused],
  'association.suspended': [labelSuspended],
  'application.submitted': [newApplication],
  'application.withdrawn': [applicationWithdrawn],
  'application.accepted': [applicationAccepted],
  'application.declined': [applicationDeclined],
  'application.hr_decided': [hrDecision],
  'time_entry.submitted': [hoursSubmitted],
  'time_entry.validated': [hoursValidated],
  'time_entry.rejected': [hoursRejected],
  'matches.ready': [recommendations],
  'invitation.sent': [missionInvitation],
  // HR learns of confirmed hours in its daily digest, not one email per entry.
  'time_entry.confirmed': NO_EMAIL,
  // The matcher's business: it answers with matches.ready and invitation.sent.
  'mission.published': NO_EMAIL,
  'mission.updated': NO_EMAIL,
  'mission.closed': NO_EMAIL,
  'mission.filled': NO_EMAIL,
  'profile.updated': NO_EMAIL,
  'invitations.requested': NO_EMAIL,
  'association.member_added': NO_EMAIL,
  // The account and its address are gone.
  'user.erased': NO_EMAIL,
};

export const EVENT_TYPES: readonly string[] = Object.freeze(Object.keys(EVENT_EMAILS));
