import type { DigestItemKind, DigestPeriod, HrDecision, MissionMode } from './format';

/**
 * Data each template needs. Callers pass display strings and ids/tokens; the renderer builds
 * every link from the public URL. Dates are ISO strings (`2026-11-22`, or a timestamp with
 * an offset) or Dates; hours are numbers or PostgreSQL numeric strings (`"7.50"`).
 */

export type IsoDate = string | Date;
export type Hours = number | string;

export interface VerifyEmailData {
  firstName: string;
  token: string;
}

export interface PasswordResetData {
  firstName: string;
  token: string;
}

export interface HrInvitationData {
  firstName: string;
  token: string;
  /** Business unit and/or region the HR account covers, e.g. « Branche Services-Courrier-Colis, Bretagne ». */
  scopeLabel: string;
}

export interface LabelGrantedData {
  associationName: string;
}

export interface LabelRefusedData {
  associationName: string;
  reason?: string | null;
}

export interface LabelSuspendedData {
  associationName: string;
  reason: string;
}

export interface NewApplicationData {
  associationName: string;
  missionTitle: string;
  missionId: string;
  applicantFirstName: string;
}

export interface ApplicationWithdrawnData {
  missionTitle: string;
  missionId: string;
}

export interface HoursToConfirmData {
  missionTitle: string;
  /** Number of time entries waiting for the association's confirmation. */
  count: number;
  /** Total of those entries. */
  hours: Hours;
}

export interface RecommendedMission {
  id: string;
  title: string;
  associationName: string;
  communeName: string | null;
  mode: MissionMode;
  /** Matching score in [0, 1]. */
  score: number;
  /** Why the mission matches, already in French (« Compétence : gestion de projet », « à 12 km »). */
  reasons: string[];
}

export interface RecommendationsData {
  firstName: string;
  missions: RecommendedMission[];
}

export interface DigestItem {
  kind: DigestItemKind;
  title: string;
  /** A path on Passerelle (`/missions/…`) or an absolute URL under the public URL. */
  url?: string | null;
}

export interface PostierDigestData {
  firstName: string;
  period: DigestPeriod;
  items: DigestItem[];
}

export interface MissionInvitationData {
  firstName: string;
  missionId: string;
  missionTitle: string;
  associationName: string;
}

export interface ApplicationAcceptedData {
  missionTitle: string;
  missionId: string;
  reason?: string | null;
}

export interface ApplicationDeclinedData {
  missionTitle: string;
  missionId: string;
  reason?: string | null;
}

export interface HrDecisionData {
  missionTitle: string;
  decision: HrDecision;
  comment?: string | null;
}

export interface HoursValidatedData {
  missionTitle: string;
  date: IsoDate;
  hours: Hours;
  reason?: string | null;
}

export interface HoursRejectedData {
  missionTitle: string;
  date: IsoDate;
  hours: Hours;
  reason?: string | null;
}

export interface HrDigestData {
  /** Accepted participations waiting for an HR decision. */
  approvalsWaiting: number;
  /** Time entries confirmed by associations, waiting for HR validation. */
  hoursToValidate: number;
  /** Total hours of those entries. */
  hoursToValidateTotal: Hours;
}

export interface AssociationPendingData {
  associationName: string;
  associationId: string;
}

export interface InactivityReminderData {
  firstName: string;
  reminderNumber: 1 | 2;
  deletionDate: IsoDate;
}

/** Template name → the data it renders. The single source of truth for names and payloads. */
export interface TemplateDataMap {
  'account.verify-email': VerifyEmailData;
  'account.password-reset': PasswordResetData;
  'account.hr-invitation': HrInvitationData;
  'account.inactivity-reminder': InactivityReminderData;
  'association.label-granted': LabelGrantedData;
  'association.label-refused': LabelRefusedData;
  'association.label-suspended': LabelSuspendedData;
  'association.new-application': NewApplicationData;
  'association.application-withdrawn': ApplicationWithdrawnData;
  'association.hours-to-confirm': HoursToConfirmData;
  'postier.recommendations': RecommendationsData;
  'postier.digest': PostierDigestData;
  'postier.mission-invitation': MissionInvitationData;
  'postier.application-accepted': ApplicationAcceptedData;
  'postier.application-declined': ApplicationDeclinedData;
  'postier.hr-decision': HrDecisionData;
  'postier.hours-validated': HoursValidatedData;
  'postier.hours-rejected': HoursRejectedData;
  'hr.digest': HrDigestData;
  'admin.association-pending': AssociationPendingData;
}

export type TemplateName = keyof TemplateDataMap;

/** A template name with its data, discriminated by `template` (e.g. what a notifier builds per event). */
export type EmailRequest = {
  [K in TemplateName]: { template: K; data: TemplateDataMap[K] };
}[TemplateName];

export interface RenderContext {
  /** Base of every link, http(s) only (PUBLIC_URL). */
  publicUrl: string;
  /** One-click unsubscribe page for this recipient; shown in the footer when given. */
  unsubscribeUrl?: string | null;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
  /** The email is optional for its recipient: send List-Unsubscribe and List-Unsubscribe-Post (RFC 8058). */
  listUnsubscribe: boolean;
}
