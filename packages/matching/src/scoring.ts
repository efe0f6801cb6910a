/**
 * The scoring formula, shared by the index (`MatchingIndex.rank`) and the reference scan
 * (`rankByScan` / `scoreCandidate`). Everything numeric that decides a score lives here, so the two
 * paths compute bit-identical numbers from the same inputs.
 *
 * score = 0.6·skills + 0.2·geography + 0.1·domain + 0.1·freshness, rounded to 4 decimals.
 *
 * - skills: Σ_j w_j·credit_j / Σ_j w_j over the mission's skills j (w = 2 when required, 1 when
 *   optional). credit_j is the best of:
 *     · the same skill: 1 at or above the wanted level, 0.6 one level below, 0.3 two below, 0.1 three below;
 *     · a sibling skill (same taxonomy category): 0.25 × the same level factor (0.25 at or above the level).
 *   A candidate whose skills credit is 0 (no mission skill and no sibling of one) is not a match at
 *   all: recommending someone with nothing relevant is noise, and it lets the index visit only the
 *   posting lists of the mission's skills and their siblings. A mission without skills matches nobody.
 * - geography: remote missions 1 for everyone (ranking is by the rest). Onsite: 1 − 0.5·min(1, d/r)
 *   within the postier's radius r (so 1 in the mission's commune, 0.5 at the edge of the radius);
 *   0.75 when a coordinate is missing and the département is the same. Hybrid: the same with a reach
 *   of 2r; a remote-ok postier beyond that reach (or without location) still qualifies, at 0.25.
 * - domain: 1 when the mission's domain is among the postier's domains of interest.
 * - freshness: 1/(1 + solicitations in the last 30 days) × min(1, days since last solicitation / 30)
 *   (never solicited: 1), so postiers who were asked often or recently come after the others.
 *
 * Inputs are quantized the way the index stores them (coordinates as float32, radius as whole km
 * in 0..65535, quota as float32, counts in 0..65535, dates as UTC day numbers, the last
 * solicitation in whole seconds).
 */

import type { MissionMode, MissionSkill, SkillLevel, Taxonomy } from './types';

export const SCORE_WEIGHTS = { skills: 0.6, geography: 0.2, domain: 0.1, freshness: 0.1 } as const;
export const REQUIRED_SKILL_WEIGHT = 2;
export const OPTIONAL_SKILL_WEIGHT = 1;
/** Credit of a skill held at 0, 1, 2, 3 levels below the wanted one. */
export const LEVEL_CREDITS = [1, 0.6, 0.3, 0.1] as const;
/** Credit of a sibling skill (same category) held at or above the wanted level. */
export const SIBLING_CREDIT = 0.25;
export const GEO_SAME_DEPARTEMENT = 0.75;
export const GEO_HYBRID_REMOTE = 0.25;
export const GEO_REMOTE_MISSION = 1;
export const FRESHNESS_WINDOW_DAYS = 30;
/** Freshness at or above which the reason says "rarely solicited". */
export const RARELY_SOLICITED_THRESHOLD = 0.5;
export const EARTH_RADIUS_KM = 6371.0088;
export const DAY_MS = 86_400_000;

export const MODE_ONSITE = 0;
export const MODE_HYBRID = 1;
export const MODE_REMOTE = 2;

export function modeCode(mode: MissionMode): number {
  switch (mode) {
    case 'onsite':
      return MODE_ONSITE;
    case 'hybrid':
      return MODE_HYBRID;
    case 'remote':
      return MODE_REMOTE;
    default:
      throw new RangeError(`unknown mission mode: ${String(mode)}`);
  }
}

export function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

// ---------------------------------------------------------------- skills

export function levelCredit(have: number, want: number): number {
  const gap = want - have;
  if (gap <= 0) return LEVEL_CREDITS[0];
  if (gap === 1) return LEVEL_CREDITS[1];
  if (gap === 2) return LEVEL_CREDITS[2];
  return LEVEL_CREDITS[3];
}

export function siblingCredit(have: number, want: number): number {
  return SIBLING_CREDIT * levelCredit(have, want);
}

/** Levels are stored as integers 1..4. */
export function quantizeLevel(level: number): SkillLevel {
  const r = Math.round(level);
  if (!(r > 1)) return 1;
  return r === 2 ? 2 : r === 3 ? 3 : 4;
}

/** A postier's skills, one per code at the highest level listed (a repeated code counts once). */
export function dedupeProfileSkills(
  skills: readonly { code: string; level: number }[],
): Map<string, SkillLevel> {
  const out = new Map<string, SkillLevel>();
  for (const s of skills) {
    const level = quantizeLevel(s.level);
    if (level > (out.get(s.code) ?? 0)) out.set(s.code, level);
  }
  return out;
}

/**
 * The mission's skills, one entry per code (a repeated code keeps the highest level and is required
 * when any occurrence is), in first-occurrence order: the order of the weighted sum.
 */
export function dedupeMissionSkills(skills: readonly MissionSkill[]): MissionSkill[] {
  const out: MissionSkill[] = [];
  const at = new Map<string, number>();
  for (const s of skills) {
    const level = quantizeLevel(s.level);
    const i = at.get(s.code);
    const prev = i === undefined ? undefined : out[i];
    if (i === undefined || prev === undefined) {
      at.set(s.code, out.length);
      out.push({ code: s.code, level, required: s.required === true });
    } else {
      out[i] = {
        code: s.code,
        level: quantizeLevel(Math.max(level, prev.level)),
        required: prev.required || s.required === true,
      };
    }
  }
  return out;
}

export function skillWeight(required: boolean): number {
  return required ? REQUIRED_SKILL_WEIGHT : OPTIONAL_SKILL_WEIGHT;
}

/** Σ w_j·best_j / Σ w_j, summed in mission-skill order. */
export function coverage(
  weights: ArrayLike<number>,
  best: ArrayLike<number>,
  n: number,
  total: number,
): number {
  if (total <= 0) return 0;
  let sum = 0;
  for (let j = 0; j < n; j++) sum += (weights[j] ?? 0) * (best[j] ?? 0);
  return sum / total;
}

// ---------------------------------------------------------------- geography

export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const toRad = Math.PI / 180;
  const dLat = (lat2 - lat1) * toRad;
  const dLon = (lon2 - lon1) * toRad;
  const s1 = Math.sin(dLat / 2);
  const s2 = Math.sin(dLon / 2);
  const a = s1 * s1 + Math.cos(lat1 * toRad) * Math.cos(lat2 * toRad) * s2 * s2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

export const GEO_EXCLUDED = 0;
export const GEO_DISTANCE = 1;
export const GEO_SAME_DEPT = 2;
export const GEO_REMOTE = 3;

/** How far a postier goes for a mission of this mode: r onsite, 2r hybrid. */
export function reachKm(mode: number, radiusKm: number): number {
  return mode === MODE_HYBRID ? 2 * radiusKm : radiusKm;
}

/**
 * Which rule places the candidate (the hard geography filter): `distanceKm` is NaN when either
 * side lacks coordinates; `sameDepartement` is true only when both départements are known and equal.
 */
export function geoBasis(
  mode: number,
  distanceKm: number,
  radiusKm: number,
  sameDepartement: boolean,
  remoteOk: boolean,
): number {
  if (mode === MODE_REMOTE) return GEO_REMOTE;
  if (!Number.isNaN(distanceKm)) {
    if (distanceKm <= reachKm(mode, radiusKm)) return GEO_DISTANCE;
  } else if (sameDepartement) {
    return GEO_SAME_DEPT;
  }
  return mode === MODE_HYBRID && remoteOk ? GEO_REMOTE : GEO_EXCLUDED;
}

export function geoValue(basis: number, mode: number, distanceKm: number, radiusKm: number): number {
  switch (basis) {
    case GEO_DISTANCE: {
      const reach = reachKm(mode, radiusKm);
      return reach > 0 ? 1 - 0.5 * Math.min(1, distanceKm / reach) : 1;
    }
    case GEO_SAME_DEPT:
      return GEO_SAME_DEPARTEMENT;
    case GEO_REMOTE:
      return mode === MODE_REMOTE ? GEO_REMOTE_MISSION : GEO_HYBRID_REMOTE;
    default:
      return 0;
  }
}

// ---------------------------------------------------------------- freshness

/** `lastSolicitedAt` is NaN when never solicited. */
export function freshness(solicitations: number, lastSolicitedAt: number, nowMs: number): number {
  const volume = 1 / (1 + solicitations);
  if (Number.isNaN(lastSolicitedAt)) return volume;
  const days = (nowMs - lastSolicitedAt) / DAY_MS;
  const recency = days <= 0 ? 0 : days >= FRESHNESS_WINDOW_DAYS ? 1 : days / FRESHNESS_WINDOW_DAYS;
  return volume * recency;
}

// ---------------------------------------------------------------- total

/**
 * The weighted sum before rounding. Monotone in each input, in floating point too (every step is),
 * so parts that bound the true ones give a sum that bounds the true one.
 */
export function linearScore(skills: number, geo: number, domain: number, fresh: number): number {
  return (
    SCORE_WEIGHTS.skills * skills +
    SCORE_WEIGHTS.geography * geo +
    SCORE_WEIGHTS.domain * domain +
    SCORE_WEIGHTS.freshness * fresh
  );
}

export function combine(skills: number, geo: number, domain: number, fresh: number): number {
  return round4(linearScore(skills, geo, domain, fresh));
}

/**
 * Below this weighted sum, a score rounds to less than `threshold` (itself a rounded score): what
 * a bound must reach to matter, compared without rounding it.
 */
export function linearFloor(threshold: number): number {
  return threshold - 0.5e-4 - 1e-9;
}

/** Below this weighted sum, a score rounds to at most `threshold`: it ties at best. */
export function linearTieCeiling(threshold: number): number {
  return threshold + 0.5e-4 - 1e-9;
}

// ---------------------------------------------------------------- quantization of inputs

export const OPEN_FROM_DAY = -2_147_483_648;
export const OPEN_TO_DAY = 2_147_483_647;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

/** UTC day number of an ISO date (`YYYY-MM-DD…`); throws on anything else. */
export function dayNumber(iso: string): number {
  const m = ISO_DATE.exec(iso);
  if (m === null) throw new RangeError(`not an ISO date: ${JSON.stringify(iso)}`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) {
    throw new RangeError(`not a calendar date: ${JSON.stringify(iso)}`);
  }
  return ms / DAY_MS;
}

export function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function fromDay(iso: string | null): number {
  return iso === null ? OPEN_FROM_DAY : dayNumber(iso);
}

export function toDay(iso: string | null): number {
  return iso === null ? OPEN_TO_DAY : dayNumber(iso);
}

/** Inclusive windows [from, to] and [start, end] overlap. */
export function overlaps(from: number, to: number, start: number, end: number): boolean {
  return from <= end && to >= start;
}

export function validCoordinates(lat: number | null, lon: number | null): boolean {
  return (
    lat !== null &&
    lon !== null &&
    Number.isFinite(lat) &&
    Number.isFinite(lon) &&
    lat >= -90 &&
    lat <= 90 &&
    lon >= -180 &&
    lon <= 180
  );
}

function clampUint16(x: number): number {
  if (!Number.isFinite(x) || x <= 0) return 0;
  return x >= 65_535 ? 65_535 : Math.round(x);
}

export const quantizeCoordinate = Math.fround;
export const quantizeRadius = clampUint16;
export const quantizeCount = clampUint16;
/** Float32; NaN counts as 0 (no quota left), +Infinity as unlimited. */
export function quantizeHours(hours: number): number {
  return Number.isNaN(hours) ? 0 : Math.fround(hours);
}
/** Largest epoch second the index stores (Uint32, one value kept for "never"). */
export const MAX_EPOCH_SECONDS = 0xfffffffe;
/** Whole seconds in 1970..2106; null (or not a number) stays NaN, "never solicited". */
export function quantizeEpochMs(ms: number | null): number {
  if (ms === null || !Number.isFinite(ms)) return Number.NaN;
  const s = Math.floor(ms / 1000);
  return Math.min(MAX_EPOCH_SECONDS, Math.max(0, s)) * 1000;
}

export function nowMs(now: number | Date): number {
  const ms = typeof now === 'number' ? now : now.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('`now` must be a finite epoch-ms number or a valid Date');
  return ms;
}

// ---------------------------------------------------------------- taxonomy

export interface CompiledTaxonomy {
  /** skill code → category code */
  readonly categoryOf: ReadonlyMap<string, string>;
  /** category code → skill codes, in taxonomy order */
  readonly skillsOf: ReadonlyMap<string, readonly string[]>;
}

const compiled = new WeakMap<Taxonomy, CompiledTaxonomy>();

export function compileTaxonomy(taxonomy: Taxonomy): CompiledTaxonomy {
  const hit = compiled.get(taxonomy);
  if (hit !== undefined) return hit;
  const categoryOf = new Map<string, string>();
  const skillsOf = new Map<string, string[]>();
  for (const s of taxonomy.skills) {
    if (categoryOf.has(s.code)) continue;
    categoryOf.set(s.code, s.categoryCode);
    const list = skillsOf.get(s.categoryCode);
    if (list === undefined) skillsOf.set(s.categoryCode, [s.code]);
    else list.push(s.code);
  }
  const out: CompiledTaxonomy = { categoryOf, skillsOf };
  compiled.set(taxonomy, out);
  return out;
}
