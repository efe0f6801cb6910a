import type {
  ApplicationStatus,
  HrStatus,
  LabelStatus,
  MissionMode,
  MissionStatus,
  NotificationFrequency,
  Role,
  TimeEntryStatus,
} from '@passerelle/domain';

/** Shapes of the api's answers (see services/api/src/features/<feature>/schemas.ts). */

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total: number;
}

export interface ItemList<T> {
  items: T[];
}

export interface Skill {
  code: string;
  label: string;
  categoryCode: string;
  categoryLabel: string;
  source: 'ROME4' | 'ESCO';
  sourceRef: string;
}

export interface Domain {
  code: string;
  label: string;
  description: string;
}

export interface Region {
  code: string;
  name: string;
}

export interface Departement {
  code: string;
  name: string;
  regionCode: string;
}

export interface CommuneSummary {
  code: string;
  name: string;
  departementCode: string;
  regionCode: string;
  postalCodes: string[];
  population: number | null;
}

export interface MissionSkill {
  code: string;
  label: string;
  level: number;
  required: boolean;
}

export interface MissionSummary {
  id: string;
  title: string;
  status: MissionStatus;
  mode: MissionMode;
  domainCode: string;
  associationId: string;
  associationName: string;
  communeCode: string | null;
  communeName: string | null;
  departementCode: string | null;
  regionCode: string | null;
  skills: MissionSkill[];
  startDate: string;
  endDate: string;
  hoursTotal: number;
  seats: number;
  publishedAt: string | null;
  distanceKm: number | null;
}

export interface MissionDetail {
  id: string;
  title: string;
  description: string;
  status: MissionStatus;
  mode: MissionMode;
  domain: { code: string; label: string };
  association: { id: string; name: string };
  commune: {
    code: string;
    name: string;
    departement: { code: string; name: string };
    region: { code: string; name: string };
  } | null;
  skills: MissionSkill[];
  startDate: string;
  endDate: string;
  hoursTotal: number;
  seats: number;
  seatsTaken: number;
  publishedAt: string | null;
  closedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Association {
  id: string;
  name: string;
  rna: string | null;
  siret: string | null;
  description: string;
  communeCode: string;
  communeName: string;
  departementCode: string;
  regionCode: string;
  domains: string[];
  labelStatus?: LabelStatus;
  labelReason?: string | null;
  labelDecidedAt?: string | null;
  createdAt: string;
}

export interface AssociationMission {
  id: string;
  title: string;
  status: MissionStatus;
  domainCode: string;
  mode: MissionMode;
  communeCode: string | null;
  communeName: string | null;
  startDate: string;
  endDate: string;
  hoursTotal: number;
  seats: number;
  publishedAt: string | null;
  closedAt: string | null;
  createdAt: string;
}

/** A matching reason, as the matcher stores it (packages/matching Reason). */
export type MatchReason = { weight?: number; label?: string } & (
  | { kind: 'skill_match'; skillCode: string; level: number; required: boolean }
  | { kind: 'skill_partial'; skillCode: string; have: number; want: number; required: boolean }
  | {
      kind: 'skill_sibling';
      skillCode: string;
      viaSkillCode: string;
      have: number;
      want: number;
      required: boolean;
    }
  | { kind: 'skill_missing'; skillCode: string; required: boolean }
  | { kind: 'distance'; km: number; radiusKm: number }
  | { kind: 'same_departement'; departementCode: string }
  | { kind: 'remote' }
  | { kind: 'domain_interest'; domainCode: string }
  | { kind: 'rarely_solicited'; solicitationsLast30Days: number; daysSinceLastSolicited: number | null }
  | { kind: 'recently_solicited'; solicitationsLast30Days: number; daysSinceLastSolicited: number | null }
  | { kind: 'quota_below_mission_hours'; remainingHours: number; missionHours: number }
  | { kind: string }
);

export interface ProfileSkill {
  code: string;
  level: number;
}

export interface PostierProfile {
  businessUnitId: string | null;
  communeCode: string | null;
  communeName: string | null;
  mobilityRadiusKm: number;
  remoteOk: boolean;
  availableFrom: string | null;
  availableTo: string | null;
  matchingOptIn: boolean;
  skills: ProfileSkill[];
  domains: string[];
}

export interface Me {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  role: Role;
  emailVerified: boolean;
  /** A postier's matching profile; null for other roles. */
  profile: PostierProfile | null;
  /** The association an association account belongs to; null before it registers one. */
  associationId: string | null;
}

export interface BusinessUnit {
  id: string;
  code: string;
  name: string;
  legalEntity: string;
}

export interface Recommendation {
  mission: {
    id: string;
    title: string;
    mode: MissionMode;
    startDate: string;
    endDate: string;
    hoursTotal: number;
    domainCode: string;
    communeCode: string | null;
    association: { id: string; name: string };
  };
  score: number;
  reasons: MatchReason[];
}

export type ScoreBand = '0.8-1' | '0.6-0.8' | '0.4-0.6' | '0-0.4';

export interface MissionMatches {
  missionId: string;
  total: number;
  bands: { band: ScoreBand; count: number }[];
  reasons: { kind: string; count: number }[];
  invited: number;
}

interface ApplicationCore {
  id: string;
  missionId: string;
  status: ApplicationStatus;
  /** Set when the association accepts: the work time then waits for HR. */
  hrStatus: HrStatus | null;
  motivation: string;
  decisionReason: string | null;
  decidedAt: string | null;
  createdAt: string;
  updatedAt: string;
  hrComment?: string | null;
}

export type ApplicationResponse = ApplicationCore;

export interface ApplicationItem extends ApplicationCore {
  mission: { id: string; title: string; status: MissionStatus; startDate: string; endDate: string };
  association: { id: string; name: string };
}

export interface Applicant extends ApplicationCore {
  applicant: { id: string; firstName: string; lastName: string; email: string };
}

export interface TimeEntry {
  id: string;
  applicationId: string;
  date: string;
  hours: number;
  note: string;
  status: TimeEntryStatus;
  rejectionReason: string | null;
  confirmedAt: string | null;
  validatedAt: string | null;
  createdAt: string;
}

export interface MyTimeEntry extends TimeEntry {
  mission: { id: string; title: string };
}

export interface HrTimeEntry extends TimeEntry {
  mission: { id: string; title: string };
  postier: { id: string; firstName: string; lastName: string };
}

/** An entry of the association's missions: the postier by name only. */
export interface AssociationTimeEntry extends TimeEntry {
  mission: { id: string; title: string };
  postier: { firstName: string; lastName: string };
}

export interface Quota {
  year: number;
  quota: number;
  validated: number;
  pending: number;
  remaining: number;
}

export interface MyTimeEntries {
  quota: Quota;
  items: MyTimeEntry[];
}

export interface HrApproval {
  applicationId: string;
  mission: { id: string; title: string; startDate: string; endDate: string; hoursTotal: number };
  association: { id: string; name: string };
  postier: { id: string; firstName: string; lastName: string };
  acceptedAt: string | null;
  remainingQuotaHours: number;
}

export interface HrDecisionResponse {
  id: string;
  status: string;
  hrStatus: HrStatus;
  hrComment: string | null;
  hrDecidedAt: string;
}

export interface BulkValidateResponse {
  validated: string[];
  skipped: { id: string; reason: 'not_found' | 'not_confirmed' }[];
}

export interface AssociationStatement {
  association: { id: string; name: string; rna: string | null; siret: string | null };
  year: number;
  hours: number;
  postiers: number;
  missions: { id: string; title: string; hours: number; postiers: number }[];
}

export interface Delivery {
  id: string;
  status: 'pending' | 'sent' | 'failed';
  template: string;
  eventId: number | null;
  eventType: string | null;
  dedupeKey: string;
  messageId: string;
  recipientUserId: string | null;
  recipientEmail: string | null;
  attempts: number;
  lastError: string | null;
  sentAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface AdminAssociation extends Association {
  labelStatus: LabelStatus;
  labelReason: string | null;
  labelDecidedAt: string | null;
  memberCount: number;
}

export interface NotificationPreferences {
  recommendations: NotificationFrequency;
  activity: NotificationFrequency;
  lastDigestAt?: string | null;
}

export type ReportGroup = 'region' | 'businessUnit' | 'domain' | 'association' | 'month';

export interface ReportRow {
  key: string;
  label: string;
  hours: number;
  postiers: number;
  valuation: number;
}

export interface HoursReport {
  year: number;
  groupBy: ReportGroup;
  rows: ReportRow[];
  totals: { hours: number; postiers: number; valuation: number; taxReductionEstimate: number };
}

export interface HrUser {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  status: string;
  /** False until the invitation link has been used to set a password. */
  passwordSet: boolean;
  createdAt: string;
  scopes: { businessUnitId: string | null; regionCode: string | null }[];
}
