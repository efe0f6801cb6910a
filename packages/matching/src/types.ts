/**
 * Input and output shapes of the matching package. Everything is plain data: the matcher service
 * maps database rows onto these and back; this package does no I/O and reads no clock.
 */

export type SkillLevel = 1 | 2 | 3 | 4;
export type MissionMode = 'onsite' | 'hybrid' | 'remote';

export interface CandidateSkill {
  code: string;
  level: SkillLevel;
}

/** A postier as the matcher sees them (no name, no e-mail: matching needs none). */
export interface CandidateProfile {
  /** Postier id (uuid). Inside the index it maps to a dense integer slot. */
  id: string;
  /** Account active (not disabled or erased). */
  active: boolean;
  /** Matching opt-in. */
  optedIn: boolean;
  skills: CandidateSkill[];
  /** Centroid of the postier's work commune; null when unknown. */
  latitude: number | null;
  longitude: number | null;
  departementCode: string | null;
  mobilityRadiusKm: number;
  remoteOk: boolean;
  /** ISO date (`YYYY-MM-DD`, a longer ISO timestamp is cut to its date); null = open. */
  availableFrom: string | null;
  availableTo: string | null;
  /** Codes of the domains of action the postier is interested in. */
  domains: string[];
  /** Hours left on this year's quota. */
  remainingQuotaHours: number;
  solicitationsLast30Days: number;
  /** Epoch milliseconds of the last solicitation (invitation / recommendation e-mail). */
  lastSolicitedAt: number | null;
}

export interface MissionSkill {
  code: string;
  level: SkillLevel;
  required: boolean;
}

export interface MissionQuery {
  id: string;
  skills: MissionSkill[];
  mode: MissionMode;
  /** Commune centroid of the mission; null for remote missions (ignored for them anyway). */
  latitude: number | null;
  longitude: number | null;
  departementCode: string | null;
  /** ISO dates, inclusive. */
  startDate: string;
  endDate: string;
  domainCode: string | null;
  /** Hours asked of each participant. */
  hoursTotal: number;
  /** Postiers who already applied. */
  excludedCandidateIds: ReadonlySet<string> | readonly string[];
}

export interface TaxonomySkill {
  code: string;
  categoryCode: string;
}

/** Skills taxonomy: two skills are siblings when they share a category. */
export interface Taxonomy {
  skills: readonly TaxonomySkill[];
}

export interface RankOptions {
  /** How many candidates to return (default 50). */
  topK?: number;
  /** The clock, passed in: epoch milliseconds or a Date. */
  now: number | Date;
}

interface ReasonBase {
  /** Contribution of this reason to the score (0 for purely informative reasons), 4 decimals. */
  weight: number;
}

export type Reason = ReasonBase &
  (
    | { kind: 'skill_match'; skillCode: string; level: SkillLevel; required: boolean }
    | { kind: 'skill_partial'; skillCode: string; have: SkillLevel; want: SkillLevel; required: boolean }
    | {
        kind: 'skill_sibling';
        skillCode: string;
        viaSkillCode: string;
        have: SkillLevel;
        want: SkillLevel;
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
  );

export type ReasonKind = Reason['kind'];

export interface RankedCandidate {
  candidateId: string;
  /** In [0, 1], rounded to 4 decimals. */
  score: number;
  reasons: Reason[];
}

/** Why a candidate is filtered out (first failing hard filter, in this order). */
export type Exclusion =
  | 'inactive'
  | 'opted_out'
  | 'already_applied'
  | 'quota_exhausted'
  | 'unavailable'
  | 'out_of_range'
  | 'no_relevant_skill';

export type ScoreResult =
  | { eligible: true; candidateId: string; score: number; reasons: Reason[] }
  | { eligible: false; candidateId: string; exclusion: Exclusion };
