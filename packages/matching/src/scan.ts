/**
 * The reference path: `scoreCandidate` scores one plain profile against one mission (with every
 * reason), `rankByScan` scores every profile and sorts. Simple on purpose; the index must give the
 * same answer (see index.test.ts).
 */

import {
  combine,
  compileTaxonomy,
  coverage,
  DAY_MS,
  dayNumber,
  dedupeMissionSkills,
  dedupeProfileSkills,
  freshness,
  fromDay,
  GEO_DISTANCE,
  GEO_EXCLUDED,
  GEO_REMOTE,
  GEO_SAME_DEPT,
  geoBasis,
  geoValue,
  haversineKm,
  levelCredit,
  MODE_REMOTE,
  modeCode,
  nowMs,
  OPEN_FROM_DAY,
  OPEN_TO_DAY,
  overlaps,
  quantizeCoordinate,
  quantizeCount,
  quantizeEpochMs,
  quantizeHours,
  quantizeRadius,
  RARELY_SOLICITED_THRESHOLD,
  round4,
  SCORE_WEIGHTS,
  siblingCredit,
  skillWeight,
  toDay,
  validCoordinates,
} from './scoring';
import type {
  CandidateProfile,
  Exclusion,
  MissionQuery,
  MissionSkill,
  RankedCandidate,
  RankOptions,
  Reason,
  ScoreResult,
  SkillLevel,
  Taxonomy,
} from './types';

/** A mission with its derived values computed once. */
export interface PreparedMission {
  readonly mission: MissionQuery;
  readonly mode: number;
  /** NaN when the mission has no usable coordinates (or is remote). */
  readonly latitude: number;
  readonly longitude: number;
  readonly departementCode: string | null;
  readonly startDay: number;
  readonly endDay: number;
  readonly skills: readonly MissionSkill[];
  readonly weights: readonly number[];
  readonly totalWeight: number;
  readonly excluded: ReadonlySet<string>;
}

export function prepareMission(mission: MissionQuery): PreparedMission {
  const mode = modeCode(mission.mode);
  const skills = dedupeMissionSkills(mission.skills);
  const weights = skills.map((s) => skillWeight(s.required));
  let totalWeight = 0;
  for (const w of weights) totalWeight += w;
  const located = mode !== MODE_REMOTE && validCoordinates(mission.latitude, mission.longitude);
  const startDay = dayNumber(mission.startDate);
  const endDay = dayNumber(mission.endDate);
  const ex = mission.excludedCandidateIds;
  return {
    mission,
    mode,
    latitude: located ? (mission.latitude ?? Number.NaN) : Number.NaN,
    longitude: located ? (mission.longitude ?? Number.NaN) : Number.NaN,
    departementCode: mode === MODE_REMOTE ? null : mission.departementCode,
    startDay,
    endDay,
    skills,
    weights,
    totalWeight,
    excluded: ex instanceof Set ? ex : new Set(ex),
  };
}

export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Scores one candidate for one mission: the first failing hard filter, or the score and its reasons.
 * Pure: the clock comes in `options.now`.
 */
export function scoreCandidate(
  taxonomy: Taxonomy,
  profile: CandidateProfile,
  mission: MissionQuery | PreparedMission,
  options: Pick<RankOptions, 'now'>,
): ScoreResult {
  const pm = 'mission' in mission ? mission : prepareMission(mission);
  return scorePrepared(taxonomy, profile, pm, nowMs(options.now));
}

/**
 * A candidate as scoring reads it: every input already quantized the way the index stores it. The
 * index builds one from its record, `scoreCandidate` from a profile, and both go through
 * `scoreQuantized`, so they give the same scores and reasons.
 */
export interface QuantizedCandidate {
  id: string;
  active: boolean;
  optedIn: boolean;
  /** Remaining quota hours (quantizeHours). */
  quota: number;
  /** Availability window as UTC day numbers (open ends: OPEN_FROM_DAY / OPEN_TO_DAY). */
  fromDay: number;
  toDay: number;
  /** Quantized coordinates; NaN without usable ones. */
  latitude: number;
  longitude: number;
  departementCode: string | null;
  /** quantizeRadius */
  radiusKm: number;
  remoteOk: boolean;
  /** One level per skill code (dedupeProfileSkills), as parallel arrays. */
  skillCodes: readonly string[];
  skillLevels: readonly SkillLevel[];
  /** Whether the postier is interested in the mission's domain. */
  inMissionDomain: boolean;
  /** quantizeCount */
  solicitations: number;
  /** quantizeEpochMs: NaN when never solicited. */
  lastSolicitedAt: number;
}

function quantizeProfile(profile: CandidateProfile, pm: PreparedMission): QuantizedCandidate {
  const located = validCoordinates(profile.latitude, profile.longitude);
  const domainCode = pm.mission.domainCode;
  const quota = quantizeHours(profile.remainingQuotaHours);
  const held = dedupeProfileSkills(profile.skills);
  // The dates are parsed (and may throw) only when the filters before availability pass.
  const dated = profile.active && profile.optedIn && !pm.excluded.has(profile.id) && quota > 0;
  return {
    id: profile.id,
    active: profile.active,
    optedIn: profile.optedIn,
    quota,
    fromDay: dated ? fromDay(profile.availableFrom) : OPEN_FROM_DAY,
    toDay: dated ? toDay(profile.availableTo) : OPEN_TO_DAY,
    latitude: located ? quantizeCoordinate(profile.latitude ?? 0) : Number.NaN,
    longitude: located ? quantizeCoordinate(profile.longitude ?? 0) : Number.NaN,
    departementCode: profile.departementCode,
    radiusKm: quantizeRadius(profile.mobilityRadiusKm),
    remoteOk: profile.remoteOk,
    skillCodes: [...held.keys()],
    skillLevels: [...held.values()],
    inMissionDomain: domainCode !== null && profile.domains.includes(domainCode),
    solicitations: quantizeCount(profile.solicitationsLast30Days),
    lastSolicitedAt: quantizeEpochMs(profile.lastSolicitedAt),
  };
}

function scorePrepared(
  taxonomy: Taxonomy,
  profile: CandidateProfile,
  pm: PreparedMission,
  now: number,
): ScoreResult {
  return scoreQuantized(compileTaxonomy(taxonomy).categoryOf, quantizeProfile(profile, pm), pm, now);
}

function excluded(candidateId: string, exclusion: Exclusion): ScoreResult {
  return { eligible: false, candidateId, exclusion };
}

/** The hard filters, the score and its reasons, from quantized inputs. */
export function scoreQuantized(
  categoryOf: ReadonlyMap<string, string>,
  c: QuantizedCandidate,
  pm: PreparedMission,
  now: number,
): ScoreResult {
  const candidateId = c.id;
  if (!c.active) return excluded(candidateId, 'inactive');
  if (!c.optedIn) return excluded(candidateId, 'opted_out');
  if (pm.excluded.has(candidateId)) return excluded(candidateId, 'already_applied');
  const quota = c.quota;
  if (!(quota > 0)) return excluded(candidateId, 'quota_exhausted');
  if (!overlaps(c.fromDay, c.toDay, pm.startDay, pm.endDay)) return excluded(candidateId, 'unavailable');

  // Geography (hard filter, then value).
  const radius = c.radiusKm;
  let distance = Number.NaN;
  if (!Number.isNaN(pm.latitude) && !Number.isNaN(c.latitude)) {
    distance = haversineKm(c.latitude, c.longitude, pm.latitude, pm.longitude);
  }
  const sameDept =
    c.departementCode !== null && pm.departementCode !== null && c.departementCode === pm.departementCode;
  const basis = geoBasis(pm.mode, distance, radius, sameDept, c.remoteOk);
  if (basis === GEO_EXCLUDED) return excluded(candidateId, 'out_of_range');
  const geo = geoValue(basis, pm.mode, distance, radius);

  // Skills.
  const { skillCodes, skillLevels } = c;
  const n = pm.skills.length;
  const best: number[] = new Array<number>(n).fill(0);
  const skillReasons: Reason[] = [];
  const skillShare = SCORE_WEIGHTS.skills / (pm.totalWeight > 0 ? pm.totalWeight : 1);
  for (let j = 0; j < n; j++) {
    const ms = pm.skills[j];
    if (ms === undefined) continue;
    const want = ms.level;
    const category = categoryOf.get(ms.code);
    let exact = 0;
    let exactHave: SkillLevel = 1;
    let sibling = 0;
    let siblingHave: SkillLevel = 1;
    let via = '';
    for (let h = 0; h < skillCodes.length; h++) {
      const code = skillCodes[h] ?? '';
      const have = skillLevels[h] ?? 1;
      if (code === ms.code) {
        const credit = levelCredit(have, want);
        if (credit > exact) {
          exact = credit;
          exactHave = have;
        }
      } else if (category !== undefined && categoryOf.get(code) === category) {
        const credit = siblingCredit(have, want);
        if (credit > sibling || (credit === sibling && credit > 0 && code < via)) {
          sibling = credit;
          siblingHave = have;
          via = code;
        }
      }
    }
    const credit = Math.max(exact, sibling);
    best[j] = credit;
    const weight = round4(skillShare * (pm.weights[j] ?? 0) * credit);
    if (credit === 0) {
      skillReasons.push({ kind: 'skill_missing', skillCode: ms.code, required: ms.required, weight: 0 });
    } else if (exact >= sibling) {
      skillReasons.push(
        exactHave >= want
          ? { kind: 'skill_match', skillCode: ms.code, level: exactHave, required: ms.required, weight }
          : {
              kind: 'skill_partial',
              skillCode: ms.code,
              have: exactHave,
              want,
              required: ms.required,
              weight,
            },
      );
    } else {
      skillReasons.push({
        kind: 'skill_sibling',
        skillCode: ms.code,
        viaSkillCode: via,
        have: siblingHave,
        want,
        required: ms.required,
        weight,
      });
    }
  }
  const skills = coverage(pm.weights, best, n, pm.totalWeight);
  if (!(skills > 0)) return excluded(candidateId, 'no_relevant_skill');

  const domain = c.inMissionDomain ? 1 : 0;
  const solicitations = c.solicitations;
  const last = c.lastSolicitedAt;
  const fresh = freshness(solicitations, last, now);
  const score = combine(skills, geo, domain, fresh);

  const reasons: Reason[] = skillReasons;
  const geoWeight = round4(SCORE_WEIGHTS.geography * geo);
  if (basis === GEO_DISTANCE) {
    reasons.push({
      kind: 'distance',
      km: Math.round(distance * 10) / 10,
      radiusKm: radius,
      weight: geoWeight,
    });
  } else if (basis === GEO_SAME_DEPT) {
    reasons.push({ kind: 'same_departement', departementCode: pm.departementCode ?? '', weight: geoWeight });
  } else if (basis === GEO_REMOTE) {
    reasons.push({ kind: 'remote', weight: geoWeight });
  }
  if (domain > 0 && pm.mission.domainCode !== null) {
    reasons.push({
      kind: 'domain_interest',
      domainCode: pm.mission.domainCode,
      weight: round4(SCORE_WEIGHTS.domain),
    });
  }
  const daysSinceLastSolicited = Number.isNaN(last) ? null : Math.max(0, Math.floor((now - last) / DAY_MS));
  reasons.push({
    kind: fresh >= RARELY_SOLICITED_THRESHOLD ? 'rarely_solicited' : 'recently_solicited',
    solicitationsLast30Days: solicitations,
    daysSinceLastSolicited,
    weight: round4(SCORE_WEIGHTS.freshness * fresh),
  });
  if (quota < pm.mission.hoursTotal) {
    reasons.push({
      kind: 'quota_below_mission_hours',
      remainingHours: quota,
      missionHours: pm.mission.hoursTotal,
      weight: 0,
    });
  }
  return { eligible: true, candidateId, score, reasons };
}

/** Orders best first: score descending, then candidate id ascending. */
export function compareRanked(a: RankedCandidate, b: RankedCandidate): number {
  return b.score - a.score || compareIds(a.candidateId, b.candidateId);
}

/**
 * Naive reference ranking: every profile through `scoreCandidate`, full sort, first `topK`.
 * A repeated id counts once, its last occurrence (what `MatchingIndex.upsert` would keep).
 */
export function rankByScan(
  taxonomy: Taxonomy,
  profiles: Iterable<CandidateProfile>,
  mission: MissionQuery,
  options: RankOptions,
): RankedCandidate[] {
  const topK = options.topK ?? 50;
  const now = nowMs(options.now);
  const pm = prepareMission(mission);
  const latest = new Map<string, CandidateProfile>();
  for (const p of profiles) latest.set(p.id, p);
  const ranked: RankedCandidate[] = [];
  for (const p of latest.values()) {
    const r = scorePrepared(taxonomy, p, pm, now);
    if (r.eligible) ranked.push({ candidateId: r.candidateId, score: r.score, reasons: r.reasons });
  }
  ranked.sort(compareRanked);
  return ranked.slice(0, Math.max(0, Math.floor(topK)));
}
