/**
 * In-process matching index over compact typed arrays.
 *
 * Storage: one dense integer slot per postier (a removed postier's slot is reused), and for each
 * slot one 64-byte record (16 × 32-bit words in one ArrayBuffer, read through Int32/Uint32/Float32/
 * Uint16 views), so scoring a postier touches one cache line:
 *
 *   w0  flags (8 bits) | skill count (8) | mobility radius km (16)
 *   w1  département id (16) | solicitations in the last 30 days (16)
 *   w2  latitude (float32)        w3  longitude (float32)
 *   w4  available from (UTC day)  w5  available to (UTC day)
 *   w6  remaining quota hours (float32)
 *   w7  last solicitation (epoch seconds, 0xffffffff = never)
 *   w8  domains of interest (bit d for domain ids 0..31; more domains live in per-domain bitsets)
 *   w9..w15  up to 14 skills, 16 bits each: skill id << 2 | (level − 1); more skills overflow into a
 *            shared pool (CSR: start per slot, compacted when a quarter of it is dead).
 *
 * Beside the record, 12 bytes of "aux" per slot: the query state, a bound hint (domains, remote ok,
 * solicitations) and a geo word (quantized latitude, radius), enough to bound a postier's score
 * without reading the record. Ids: canonical lowercase uuids as 4 words in a hash table (ids.ts),
 * anything else in a Map.
 *
 * Inverted structures, for active opted-in postiers only (the others cost nothing at query time):
 * per-skill posting lists sorted by slot (slot, level, remote ok, radius tier, quantized latitude,
 * bound hint), a radius-tiered spatial grid (grid.ts) and per-département lists. An upsert detaches
 * the slot from them and attaches it again: it touches only that postier's entries (tens of µs).
 *
 * Ranking a mission. Every postier scored goes through the same hard filters and formula as
 * `scoreCandidate` and is offered to a bounded heap (score descending, id ascending). Upper bounds
 * (each ≥ the true score, so pruning never changes the answer) decide who gets scored:
 * - the "skills walk" visits only holders of a relevant skill (a mission skill or a sibling): a
 *   postier without one is not a match at all (scoring.ts).
 *   1. It reads the mission skills' posting lists sequentially, summing per holder a bound of their
 *      skills score (a compact per-slot stamp finds repeats); postiers whose latitude alone puts
 *      them out of reach of an onsite mission are skipped there.
 *   2. It bounds each holder's whole score (skills, geography from the latitude band, domain bit,
 *      solicitations), counting-sorts them into 256 buckets, scores them from the top and stops at
 *      the first bucket whose ceiling cannot enter the heap.
 *   3. Holders of sibling skills only (skills score ≤ 0.25) come last, only if they still could
 *      enter; for onsite/hybrid missions, from the local lists when those are shorter.
 * - the "local walk" visits the grid cells that can reach the mission, plus the département list
 *   of postiers without coordinates (the fallback rule), pruning on the aux bound.
 * Remote missions use the skills walk. Onsite and hybrid missions use the local walk when it holds
 * at most LOCAL_WALK_MAX postiers (a hybrid then adds the skills walk over remote-ok postiers,
 * whose geography is at most 0.25 once everyone in reach was seen); in denser places, the skills
 * walk, which finds enough strong candidates early and stops.
 * The reasons of the k winners come from `scoreCandidate` itself, on the stored (quantized) profile.
 */

import { GeoGrid, RADIUS_TIERS_KM, radiusTier } from './grid';
import { IdTable } from './ids';
import { type PreparedMission, prepareMission, scoreCandidate } from './scan';
import {
  combine,
  coverage,
  dedupeProfileSkills,
  EARTH_RADIUS_KM,
  freshness,
  fromDay,
  GEO_EXCLUDED,
  GEO_HYBRID_REMOTE,
  geoBasis,
  geoValue,
  haversineKm,
  isoDate,
  levelCredit,
  MAX_EPOCH_SECONDS,
  MODE_HYBRID,
  MODE_ONSITE,
  MODE_REMOTE,
  nowMs,
  OPEN_FROM_DAY,
  OPEN_TO_DAY,
  quantizeCoordinate,
  quantizeCount,
  quantizeEpochMs,
  quantizeHours,
  quantizeLevel,
  quantizeRadius,
  reachKm,
  SIBLING_CREDIT,
  siblingCredit,
  toDay,
  validCoordinates,
} from './scoring';
import { POSTING_LEVEL_MASK, POSTING_REMOTE_OK, POSTING_TIER_SHIFT, Postings, SlotList } from './slot-list';
import { TopK } from './top-k';
import type {
  CandidateProfile,
  CandidateSkill,
  MissionQuery,
  RankedCandidate,
  RankOptions,
  Taxonomy,
} from './types';

const F_LIVE = 1;
const F_ACTIVE = 2;
const F_OPTED_IN = 4;
const F_REMOTE_OK = 8;
const F_COORDS = 16;
const LISTED = F_LIVE | F_ACTIVE | F_OPTED_IN;

const RECORD_WORDS = 16;
const W_META = 0;
const W_DEPT = 1;
const W_LAT = 2;
const W_LON = 3;
const W_FROM = 4;
const W_TO = 5;
const W_QUOTA = 6;
const W_LAST = 7;
const W_DOMAINS = 8;
const W_SKILLS = 9;
const INLINE_SKILLS = (RECORD_WORDS - W_SKILLS) * 2;
const NEVER = 0xffffffff;

const MAX_SKILL_IDS = 1 << 14;
const MAX_SKILLS_PER_POSTIER = 255;
const MAX_DEPARTEMENT_IDS = 65_535;
const INLINE_DOMAINS = 32;
/** Buckets of the score upper bound in the skills walk. */
const BOUND_BUCKETS = 256;
/** Slack on the skills bound (accumulated in float32, in another order than the score). */
const BOUND_SLACK = 1e-6;
/** Onsite and hybrid missions use the local walk when its lists hold at most this many postiers. */
const LOCAL_WALK_MAX = 4096;

// Per-slot query aid (12 bytes, `aux`): the query state, and what bounds a postier's score without
// reading their record (the hint is also copied into every posting of the postier).
const AUX_WORDS = 3;
/** `epoch + 1` once the postier is done (scored or excluded) for the current query. */
const A_STATE = 0;
/** bits 0..22: domain ids 0..22; bit 23: remote ok; bits 24..31: solicitations (saturated at 255) */
const A_HINT = 1;
/** bits 16..31: latitude × 360 (int16, LAT_NONE without coordinates); bits 0..15: radius km */
const A_GEO = 2;
const HINT_DOMAINS = 23;
const HINT_REMOTE_OK = 1 << 23;
const LAT_SCALE = 360;
const LAT_NONE = -32768;
/** Degrees: rounding of the quantized latitude plus float32 error. */
const LAT_MARGIN = 0.5 / LAT_SCALE + 1e-5;
/** A great-circle distance is at least the latitude difference × this (km per degree, rounded down). */
const KM_PER_DEGREE_LOWER = ((EARTH_RADIUS_KM * Math.PI) / 180) * (1 - 1e-9);

export type RankStrategy = 'skills' | 'local' | 'local+remote';

export interface IndexRankOptions extends RankOptions {
  /** Force a candidate generation strategy (tests, tuning); default 'auto'. */
  strategy?: 'auto' | 'skills' | 'local';
}

export interface RankStats {
  strategy: RankStrategy;
  /** Posting entries of the mission skills read (skills walk, phase 1). */
  postings: number;
  /** Postiers whose bound was computed from the aux words. */
  bounded: number;
  /** Postiers whose record was read and scored. */
  evaluated: number;
}

interface Normalized {
  flags: number;
  lat: number;
  lon: number;
  radius: number;
  dept: number;
  from: number;
  to: number;
  quota: number;
  solicitations: number;
  lastSeconds: number;
  /** packed skill id << 2 | level − 1, sorted */
  skills: number[];
  domainIds: number[];
}

/** Per-query tables. */
interface Query {
  pm: PreparedMission;
  now: number;
  mode: number;
  hasLocation: boolean;
  lat: number;
  lon: number;
  /** Département id of the mission, 0 when none, -1 when no postier has it. */
  dept: number;
  start: number;
  end: number;
  n: number;
  skillIds: Int32Array;
  want: Uint8Array;
  weights: Float64Array;
  total: number;
  best: Float64Array;
  /** For skill id s, entries relOffset[s]..relOffset[s+1]: mission skill relJ[e], credit relCredit[e·4 + level − 1]. */
  relOffset: Int32Array;
  relJ: Uint16Array;
  relCredit: Float64Array;
  /** Skills that are siblings of a mission skill without being one. */
  siblingSkills: number[];
  domainId: number;
  domainBits: Uint32Array | undefined;
  /** Onsite or hybrid mission with coordinates: the latitude band bounds the distance. */
  band: boolean;
  /** Mission latitude × LAT_SCALE. */
  latQ: number;
  /**
   * Per radius tier, the largest |latitude × LAT_SCALE − latQ| a postier of the tier can be at and
   * still be in reach (Infinity when unbounded); postings beyond it are skipped.
   */
  bandQ: Float64Array;
}

/**
 * True when the posting's latitude alone proves the postier out of reach of the mission, and being
 * out of reach excludes them (onsite, or hybrid without remote work). Conservative: `bound` would
 * return -1 for them too.
 */
function outOfBand(tag: number, latQ: number, q: Query): boolean {
  if (!q.band || latQ === LAT_NONE) return false;
  if (q.mode === MODE_HYBRID && (tag & POSTING_REMOTE_OK) !== 0) return false;
  return Math.abs(latQ - q.latQ) > (q.bandQ[tag >>> POSTING_TIER_SHIFT] ?? Number.POSITIVE_INFINITY);
}

/** Geo word (as A_GEO) of a posting: its latitude, and its tier's largest radius as the radius. */
function postingGeo(tag: number, latQ: number): number {
  return ((latQ << 16) | (RADIUS_TIERS_KM[tag >>> POSTING_TIER_SHIFT] ?? 0xffff)) >>> 0;
}

export class MatchingIndex {
  private readonly taxonomy: Taxonomy;

  // Registries (code ↔ dense id).
  private readonly skillIdOf = new Map<string, number>();
  private readonly skillCodes: string[] = [];
  private readonly skillCategory: number[] = [];
  private readonly categoryIdOf = new Map<string, number>();
  private readonly categorySkills: number[][] = [];
  private readonly deptIdOf = new Map<string, number>();
  private readonly deptCodes: string[] = [''];
  private readonly domainIdOf = new Map<string, number>();
  private readonly domainCodes: string[] = [];
  /** Bitsets over slots for domain ids ≥ 32 (index d − 32). */
  private extraDomainBits: Uint32Array[] = [];

  // Slots and records.
  private capacity = 0;
  private highWater = 0;
  private count = 0;
  private readonly freeSlots: number[] = [];
  private readonly ids = new IdTable();
  private u32 = new Uint32Array(0);
  private i32 = new Int32Array(0);
  private f32 = new Float32Array(0);
  private u16 = new Uint16Array(0);

  // Skills beyond the 14 inline ones.
  private overflowStart = new Uint32Array(0);
  private pool = new Uint16Array(0);
  private poolUsed = 0;
  private poolWasted = 0;

  // Inverted structures (listed postiers only).
  private readonly postings: (Postings | undefined)[] = [];
  private readonly grid = new GeoGrid();
  private readonly deptLists: (SlotList | undefined)[] = [];
  /** Postiers without coordinates, per département (the fallback rule when the mission has some). */
  private readonly deptCoordless: (SlotList | undefined)[] = [];

  // Query aid per slot (see A_*): state is `epoch` when touched by the current query, `epoch + 1`
  // when done (scored, pruned or excluded).
  private epoch = 0;
  private auxU32 = new Uint32Array(0);
  // Query scratch, dense over the postiers touched by phase 1 of the skills walk: slot, skills
  // bound accumulator, and a copy of their aux hint and geo words (so phase 2 reads sequentially).
  /** Phase-1 stamp per slot: stampEpoch · 2^stampShift + touched index. */
  private stamp = new Uint32Array(0);
  private stampShift = 18;
  private stampEpoch = 0;
  private touched = new Int32Array(0);
  private touchedAcc = new Float32Array(0);
  private touchedHint = new Uint32Array(0);
  private touchedGeo = new Uint32Array(0);
  private touchedBucket = new Uint16Array(0);
  private order = new Int32Array(0);
  private evaluated = 0;
  private bounded = 0;
  private postingsRead = 0;
  private stats: RankStats = { strategy: 'skills', postings: 0, bounded: 0, evaluated: 0 };

  constructor(taxonomy: Taxonomy, profiles: Iterable<CandidateProfile> = []) {
    this.taxonomy = taxonomy;
    for (const s of taxonomy.skills) {
      if (this.skillIdOf.has(s.code)) continue;
      this.registerSkill(s.code, this.categoryId(s.categoryCode));
    }
    if (Array.isArray(profiles)) this.ensureCapacity(profiles.length);
    for (const p of profiles) this.upsert(p);
    this.grid.trim();
    for (const p of this.postings) p?.trim();
    for (const l of this.deptLists) l?.trim();
    for (const l of this.deptCoordless) l?.trim();
  }

  /** Number of postiers in the index. */
  get size(): number {
    return this.count;
  }

  /** What the last `rank` call did (for benchmarks and tuning). */
  get lastRankStats(): Readonly<RankStats> {
    return this.stats;
  }

  has(id: string): boolean {
    return this.ids.get(id) !== undefined;
  }

  /** The stored profile (as quantized by the index), or undefined. */
  get(id: string): CandidateProfile | undefined {
    const slot = this.ids.get(id);
    return slot === undefined ? undefined : this.materialize(slot);
  }

  /** Adds or replaces one postier, in place (same slot); touches only that postier's entries. */
  upsert(profile: CandidateProfile): void {
    const v = this.normalize(profile);
    let slot = this.ids.get(profile.id);
    if (slot === undefined) {
      slot = this.allocate();
      this.ids.set(profile.id, slot);
      this.count++;
    } else {
      this.detach(slot);
    }
    const oldCount = this.skillCountOf(slot);
    const o = slot * RECORD_WORDS;
    const n = v.skills.length;
    this.u32[o + W_META] = (v.flags | (n << 8) | (v.radius << 16)) >>> 0;
    this.u32[o + W_DEPT] = (v.dept | (v.solicitations << 16)) >>> 0;
    this.f32[o + W_LAT] = v.lat;
    this.f32[o + W_LON] = v.lon;
    this.i32[o + W_FROM] = v.from;
    this.i32[o + W_TO] = v.to;
    this.f32[o + W_QUOTA] = v.quota;
    this.u32[o + W_LAST] = v.lastSeconds;
    this.writeSkills(slot, v.skills, oldCount);
    this.writeDomains(slot, v.domainIds);
    this.writeAux(slot, v);
    this.attach(slot);
    this.maybeCompact();
  }

  /** Removes a postier; returns false when absent. */
  remove(id: string): boolean {
    const slot = this.ids.get(id);
    if (slot === undefined) return false;
    this.detach(slot);
    this.writeSkills(slot, [], this.skillCountOf(slot));
    this.writeDomains(slot, []);
    this.u32.fill(0, slot * RECORD_WORDS, (slot + 1) * RECORD_WORDS);
    this.ids.delete(id);
    this.freeSlots.push(slot);
    this.count--;
    this.maybeCompact();
    return true;
  }

  /**
   * Bytes held by the index: typed arrays at their allocated size, plus an estimate for the few
   * JavaScript objects (lists, registries, non-uuid ids).
   */
  memoryBytes(): number {
    let b =
      this.u32.byteLength +
      this.overflowStart.byteLength +
      this.pool.byteLength +
      this.auxU32.byteLength +
      this.stamp.byteLength +
      this.touched.byteLength +
      this.touchedAcc.byteLength +
      this.touchedHint.byteLength +
      this.touchedGeo.byteLength +
      this.touchedBucket.byteLength +
      this.order.byteLength +
      this.ids.bytes() +
      this.grid.bytes() +
      this.freeSlots.length * 8;
    for (const d of this.extraDomainBits) b += d.byteLength;
    for (const p of this.postings) if (p !== undefined) b += p.bytes();
    for (const l of this.deptLists) if (l !== undefined) b += l.bytes();
    for (const l of this.deptCoordless) if (l !== undefined) b += l.bytes();
    for (const c of this.skillCodes) b += 80 + c.length;
    return b;
  }

  /** Top `topK` postiers for a mission, best first (score descending, then id ascending). */
  rank(mission: MissionQuery, options: IndexRankOptions): RankedCandidate[] {
    const now = nowMs(options.now);
    const topK = Math.floor(options.topK ?? 50);
    const pm = prepareMission(mission);
    this.evaluated = 0;
    this.bounded = 0;
    this.postingsRead = 0;
    if (!(topK > 0) || pm.totalWeight <= 0 || this.count === 0) {
      this.stats = { strategy: 'skills', postings: 0, bounded: 0, evaluated: 0 };
      return [];
    }
    const q = this.prepareQuery(pm, now);
    this.nextEpoch();
    const done = this.epoch + 1;
    for (const id of pm.excluded) {
      const slot = this.ids.get(id);
      if (slot !== undefined) this.auxU32[slot * AUX_WORDS + A_STATE] = done;
    }
    const ids = this.ids;
    const heap = new TopK(topK, (a, b) => ids.compare(a, b));

    let strategy: RankStrategy = 'skills';
    const forced = options.strategy ?? 'auto';
    if (q.mode === MODE_REMOTE) {
      this.skillsWalk(q, heap, 1, false, undefined);
    } else {
      const local = this.localLists(q);
      let localSize = 0;
      for (const l of local) localSize += l.length;
      const useLocal = forced === 'local' || (forced === 'auto' && localSize <= LOCAL_WALK_MAX);
      if (useLocal) {
        for (const l of local) this.visit(l, q, heap);
        strategy = 'local';
        if (q.mode === MODE_HYBRID) {
          // Everyone in reach was just visited: whoever is left is at most "remote" (0.25).
          this.skillsWalk(q, heap, GEO_HYBRID_REMOTE, true, undefined);
          strategy = 'local+remote';
        }
      } else {
        this.skillsWalk(q, heap, 1, false, { lists: local, size: localSize });
      }
    }
    this.stats = { strategy, postings: this.postingsRead, bounded: this.bounded, evaluated: this.evaluated };

    const out: RankedCandidate[] = [];
    for (const { slot } of heap.sorted()) {
      const r = scoreCandidate(this.taxonomy, this.materialize(slot), pm, { now });
      if (r.eligible) out.push({ candidateId: r.candidateId, score: r.score, reasons: r.reasons });
    }
    return out;
  }

  // ------------------------------------------------------------------ ranking

  private prepareQuery(pm: PreparedMission, now: number): Query {
    const n = pm.skills.length;
    const skillIds = new Int32Array(n);
    const want = new Uint8Array(n);
    const weights = new Float64Array(n);
    const numSkills = this.skillCodes.length;
    const related = (s: number): readonly number[] => {
      const c = this.skillCategory[s] ?? -1;
      return c >= 0 ? (this.categorySkills[c] ?? [s]) : [s];
    };
    const relCount = new Int32Array(numSkills + 1);
    const missionSkills = new Set<number>();
    for (let j = 0; j < n; j++) {
      const ms = pm.skills[j];
      if (ms === undefined) continue;
      const s = this.skillIdOf.get(ms.code) ?? -1;
      skillIds[j] = s;
      want[j] = ms.level;
      weights[j] = pm.weights[j] ?? 0;
      if (s < 0) continue;
      missionSkills.add(s);
      for (const t of related(s)) relCount[t] = (relCount[t] ?? 0) + 1;
    }
    const relOffset = new Int32Array(numSkills + 1);
    for (let s = 0; s < numSkills; s++) relOffset[s + 1] = (relOffset[s] ?? 0) + (relCount[s] ?? 0);
    const entries = relOffset[numSkills] ?? 0;
    const relJ = new Uint16Array(entries);
    const relCredit = new Float64Array(entries * 4);
    const fill = relOffset.slice(0, numSkills);
    const siblings = new Set<number>();
    for (let j = 0; j < n; j++) {
      const s = skillIds[j] ?? -1;
      if (s < 0) continue;
      const w = want[j] ?? 1;
      for (const t of related(s)) {
        const e = fill[t] ?? 0;
        fill[t] = e + 1;
        relJ[e] = j;
        for (let lvl = 1; lvl <= 4; lvl++) {
          relCredit[e * 4 + lvl - 1] = t === s ? levelCredit(lvl, w) : siblingCredit(lvl, w);
        }
        if (!missionSkills.has(t)) siblings.add(t);
      }
    }
    const band = pm.mode !== MODE_REMOTE && !Number.isNaN(pm.latitude);
    const bandQ = new Float64Array(RADIUS_TIERS_KM.length + 1).fill(Number.POSITIVE_INFINITY);
    if (band) {
      RADIUS_TIERS_KM.forEach((maxKm, t) => {
        bandQ[t] =
          (reachKm(pm.mode, maxKm) / KM_PER_DEGREE_LOWER + LAT_MARGIN) * LAT_SCALE * (1 + 1e-9) + 1e-6;
      });
    }
    const deptCode = pm.departementCode;
    const domainCode = pm.mission.domainCode;
    const domainId = domainCode === null ? -1 : (this.domainIdOf.get(domainCode) ?? -1);
    return {
      pm,
      now,
      mode: pm.mode,
      hasLocation: !Number.isNaN(pm.latitude),
      lat: pm.latitude,
      lon: pm.longitude,
      dept: deptCode === null ? 0 : (this.deptIdOf.get(deptCode) ?? -1),
      start: pm.startDay,
      end: pm.endDay,
      n,
      skillIds,
      want,
      weights,
      total: pm.totalWeight,
      best: new Float64Array(n),
      relOffset,
      relJ,
      relCredit,
      siblingSkills: [...siblings].sort((a, b) => a - b),
      domainId,
      domainBits: domainId >= INLINE_DOMAINS ? this.extraDomainBits[domainId - INLINE_DOMAINS] : undefined,
      band,
      latQ: pm.latitude * LAT_SCALE,
      bandQ,
    };
  }

  /** Scores one slot and offers it to the heap (hard filters first). */
  private evaluate(slot: number, q: Query, heap: TopK): void {
    this.evaluated++;
    const u32 = this.u32;
    const o = slot * RECORD_WORDS;
    const meta = u32[o + W_META] ?? 0;
    if ((meta & LISTED) !== LISTED) return;
    if (!((this.f32[o + W_QUOTA] ?? 0) > 0)) return;
    if ((this.i32[o + W_FROM] ?? 0) > q.end || (this.i32[o + W_TO] ?? 0) < q.start) return;

    // Skills.
    const best = q.best;
    const n = q.n;
    for (let j = 0; j < n; j++) best[j] = 0;
    const count = (meta >>> 8) & 0xff;
    let relevant = this.creditSkills(this.u16, (o + W_SKILLS) * 2, Math.min(count, INLINE_SKILLS), q);
    if (count > INLINE_SKILLS) {
      relevant =
        this.creditSkills(this.pool, this.overflowStart[slot] ?? 0, count - INLINE_SKILLS, q) || relevant;
    }
    if (!relevant) return;
    const skills = coverage(q.weights, best, n, q.total);
    if (!(skills > 0)) return;

    let domain = 0;
    if (q.domainId >= 0) {
      if (q.domainId < INLINE_DOMAINS) {
        domain = ((u32[o + W_DOMAINS] ?? 0) >>> q.domainId) & 1;
      } else if (q.domainBits !== undefined) {
        domain = ((q.domainBits[slot >>> 5] ?? 0) >>> (slot & 31)) & 1;
      }
    }
    const deptWord = u32[o + W_DEPT] ?? 0;
    const last = u32[o + W_LAST] ?? NEVER;
    const fresh = freshness(deptWord >>> 16, last === NEVER ? Number.NaN : last * 1000, q.now);
    if (heap.full && combine(skills, 1, domain, fresh) < heap.threshold) return;

    // Geography.
    const radius = meta >>> 16;
    let distance = Number.NaN;
    if (q.hasLocation && (meta & F_COORDS) !== 0) {
      distance = haversineKm(this.f32[o + W_LAT] ?? 0, this.f32[o + W_LON] ?? 0, q.lat, q.lon);
    }
    const sameDept = q.dept > 0 && (deptWord & 0xffff) === q.dept;
    const basis = geoBasis(q.mode, distance, radius, sameDept, (meta & F_REMOTE_OK) !== 0);
    if (basis === GEO_EXCLUDED) return;
    heap.push(slot, combine(skills, geoValue(basis, q.mode, distance, radius), domain, fresh));
  }

  /** Folds `count` packed skills from `src[start…]` into q.best; true when any is relevant. */
  private creditSkills(src: Uint16Array, start: number, count: number, q: Query): boolean {
    const relOffset = q.relOffset;
    const numRel = relOffset.length - 1;
    const best = q.best;
    let relevant = false;
    for (let k = start; k < start + count; k++) {
      const packed = src[k] ?? 0;
      const s = packed >>> 2;
      if (s >= numRel) continue;
      let e = relOffset[s] ?? 0;
      const e1 = relOffset[s + 1] ?? 0;
      if (e === e1) continue;
      relevant = true;
      const li = packed & 3;
      for (; e < e1; e++) {
        const j = q.relJ[e] ?? 0;
        const c = q.relCredit[e * 4 + li] ?? 0;
        if (c > (best[j] ?? 0)) best[j] = c;
      }
    }
    return relevant;
  }

  private boundOf(slot: number, q: Query, skillsBound: number, geoCap: number): number {
    const a = slot * AUX_WORDS;
    return this.bound(this.auxU32[a + A_HINT] ?? 0, this.auxU32[a + A_GEO] ?? 0, q, skillsBound, geoCap);
  }

  /**
   * Upper bound of a postier's score from their aux words only, given a bound of their skills score
   * and of their geography; -1 when the latitude alone puts them out of reach. Every input is at
   * least the true one and `combine` is monotone, so the result is at least the true score.
   */
  private bound(hint: number, geoWord: number, q: Query, skillsBound: number, geoCap: number): number {
    this.bounded++;
    const domain = q.domainId < 0 ? 0 : q.domainId < HINT_DOMAINS ? (hint >>> q.domainId) & 1 : 1;
    const volume = 1 / (1 + (hint >>> 24));
    let geo = geoCap;
    if (q.band) {
      const g = geoWord;
      const latQ = g >> 16;
      if (latQ !== LAT_NONE) {
        const reach = reachKm(q.mode, g & 0xffff);
        const dLower = Math.max(0, Math.abs(latQ / LAT_SCALE - q.lat) - LAT_MARGIN) * KM_PER_DEGREE_LOWER;
        if (dLower > reach) {
          if (q.mode !== MODE_HYBRID || (hint & HINT_REMOTE_OK) === 0) return -1;
          geo = Math.min(geoCap, GEO_HYBRID_REMOTE);
        } else if (reach > 0) {
          geo = Math.min(geoCap, 1 - 0.5 * Math.min(1, dLower / reach));
        }
      }
    }
    return combine(skillsBound, geo, domain, volume);
  }

  /** Local walk over one list: prune on the aux bound, score the rest. */
  private visit(list: SlotList, q: Query, heap: TopK): void {
    const done = this.epoch + 1;
    const aux = this.auxU32;
    const data = list.data;
    for (let i = 0; i < list.length; i++) {
      const slot = data[i] ?? 0;
      const a = slot * AUX_WORDS + A_STATE;
      if (aux[a] === done) continue;
      aux[a] = done;
      const ub = this.boundOf(slot, q, 1, 1);
      if (ub < 0 || (heap.full && ub < heap.threshold)) continue;
      this.evaluate(slot, q, heap);
    }
  }

  /**
   * Lists of the local walk: grid cells in reach, and for the fallback rule the postiers of the
   * mission's département without coordinates (all of them when the mission has none).
   */
  private localLists(q: Query): SlotList[] {
    if (!q.hasLocation) {
      const all = q.dept > 0 ? this.deptLists[q.dept] : undefined;
      return all === undefined ? [] : [all];
    }
    const lists = this.grid.listsNear(q.lat, q.lon, q.mode === MODE_HYBRID ? 2 : 1);
    const coordless = q.dept > 0 ? this.deptCoordless[q.dept] : undefined;
    if (coordless !== undefined) lists.push(coordless);
    return lists;
  }

  /**
   * Visits holders of relevant skills by decreasing upper bound. `geoCap` bounds the geography of
   * every postier this walk can still meet; `remoteOnly` skips postiers who refuse remote work;
   * `local` (onsite/hybrid) are the lists of the postiers in reach, an alternative source for the
   * sibling-only phase.
   */
  private skillsWalk(
    q: Query,
    heap: TopK,
    geoCap: number,
    remoteOnly: boolean,
    local: { lists: SlotList[]; size: number } | undefined,
  ): void {
    const skip = remoteOnly ? POSTING_REMOTE_OK : 0;
    const nTouched = this.accumulate(q, skip);
    this.walkBuckets(q, heap, geoCap, nTouched);
    // 3. Holders of sibling skills only: skills score ≤ 0.25.
    if (heap.full && combine(SIBLING_CREDIT, geoCap, 1, 1) < heap.threshold) return;
    // Out of reach, such a holder is excluded (onsite) or at most "remote" (hybrid): when that
    // cannot enter the heap, only the postiers in reach matter, and their lists may be shorter.
    const outOfReachExcluded =
      q.mode === MODE_ONSITE ||
      (q.mode === MODE_HYBRID &&
        heap.full &&
        combine(SIBLING_CREDIT, GEO_HYBRID_REMOTE, 1, 1) < heap.threshold);
    if (local !== undefined && outOfReachExcluded) {
      let siblingSize = 0;
      for (const s of q.siblingSkills) siblingSize += this.postings[s]?.length ?? 0;
      if (local.size < siblingSize) {
        for (const list of local.lists) this.scanSiblingLocal(list, q, heap, geoCap);
        return;
      }
    }
    for (const s of q.siblingSkills) {
      const list = this.postings[s];
      if (list !== undefined) this.scanSiblingPostings(list, skip, q, heap, geoCap);
    }
  }

  /**
   * Phase 1 of the skills walk: collects the holders of the mission skills into the dense touched
   * arrays, each once, with a bound of their skills score (a mission skill gives at most 0.25, a
   * sibling, unless held, then at most its level credit: the excess over 0.25 is summed) and their
   * hint and geo words, all read from the postings. A compact per-slot stamp (epoch | touched index,
   * 4 bytes, cache-resident) finds a holder already touched. Holders the latitude proves out of
   * reach (when that excludes them) are left out. Returns how many were kept.
   */
  private accumulate(q: Query, skip: number): number {
    const shift = this.stampShift;
    this.stampEpoch++;
    if (this.stampEpoch >= 2 ** (32 - shift)) {
      this.stamp.fill(0);
      this.stampEpoch = 1;
    }
    const epoch = this.stampEpoch;
    const mark = epoch * 2 ** shift;
    const mask = 2 ** shift - 1;
    const stamp = this.stamp;
    const touched = this.touched;
    const acc = this.touchedAcc;
    const hints = this.touchedHint;
    const geos = this.touchedGeo;
    const gain = new Float64Array(POSTING_LEVEL_MASK + 1);
    let n = 0;
    for (let j = 0; j < q.n; j++) {
      const s = q.skillIds[j] ?? -1;
      const list = s >= 0 ? this.postings[s] : undefined;
      if (list === undefined) continue;
      const w = q.weights[j] ?? 0;
      const want = q.want[j] ?? 1;
      for (let lvl = 1; lvl <= 4; lvl++) gain[lvl] = w * Math.max(0, levelCredit(lvl, want) - SIBLING_CREDIT);
      const { slots, tags, lats } = list;
      this.postingsRead += list.length;
      for (let i = 0; i < list.length; i++) {
        const tag = tags[i] ?? 0;
        const lat = lats[i] ?? LAT_NONE;
        if ((tag & skip) !== skip || outOfBand(tag, lat, q)) continue;
        const slot = slots[i] ?? 0;
        const st = stamp[slot] ?? 0;
        const g = gain[tag & POSTING_LEVEL_MASK] ?? 0;
        if (Math.floor(st / 2 ** shift) === epoch) {
          const t = st & mask;
          acc[t] = (acc[t] ?? 0) + g;
        } else {
          stamp[slot] = mark + n;
          touched[n] = slot;
          acc[n] = g;
          hints[n] = list.hints[i] ?? 0;
          geos[n] = postingGeo(tag, lat);
          n++;
        }
      }
    }
    return n;
  }

  /**
   * Phase 2: full score bound of each touched postier, bucketed (counting sort), visited from the
   * top bucket; stops when a bucket's ceiling cannot enter the heap.
   */
  private walkBuckets(q: Query, heap: TopK, geoCap: number, nTouched: number): void {
    const done = this.epoch + 1;
    const aux = this.auxU32;
    const touched = this.touched;
    const acc = this.touchedAcc;
    const hints = this.touchedHint;
    const geos = this.touchedGeo;
    const buckets = this.touchedBucket;
    const starts = new Int32Array(BOUND_BUCKETS + 2);
    const total = q.total;
    const ub = (i: number) =>
      this.bound(
        hints[i] ?? 0,
        geos[i] ?? 0,
        q,
        Math.min(1, SIBLING_CREDIT + (acc[i] ?? 0) / total + BOUND_SLACK),
        geoCap,
      );
    // Bucket BOUND_BUCKETS holds those the latitude puts out of reach (never visited).
    for (let i = 0; i < nTouched; i++) {
      const u = ub(i);
      const b = u < 0 ? BOUND_BUCKETS : Math.min(BOUND_BUCKETS - 1, Math.floor(u * BOUND_BUCKETS));
      buckets[i] = b;
      starts[b + 1] = (starts[b + 1] ?? 0) + 1;
    }
    for (let b = 0; b <= BOUND_BUCKETS; b++) starts[b + 1] = (starts[b + 1] ?? 0) + (starts[b] ?? 0);
    const next = starts.slice();
    const order = this.order;
    for (let i = 0; i < nTouched; i++) {
      const b = buckets[i] ?? 0;
      const at = next[b] ?? 0;
      next[b] = at + 1;
      order[at] = i;
    }
    for (let b = BOUND_BUCKETS - 1; b >= 0; b--) {
      const from = starts[b] ?? 0;
      const to = starts[b + 1] ?? 0;
      if (from === to) continue;
      // Stop here, but the sibling-only phase still runs: its holders may bound higher.
      if (heap.full && (b + 1) / BOUND_BUCKETS < heap.threshold) return;
      for (let k = from; k < to; k++) {
        const i = order[k] ?? 0;
        // Left undone when pruned: a later bound of it (0.25 skills) is lower still.
        if (heap.full && ub(i) < heap.threshold) continue;
        const slot = touched[i] ?? 0;
        const a = slot * AUX_WORDS + A_STATE;
        if (aux[a] === done) continue;
        aux[a] = done;
        this.evaluate(slot, q, heap);
      }
    }
  }

  /**
   * Phase 3 over a sibling skill's posting list: postiers not done yet hold at best sibling skills
   * (or sat below a bucket that could not enter), so 0.25 bounds their skills score. Bounded from
   * the posting itself; the aux state is read only for those that pass.
   */
  private scanSiblingPostings(list: Postings, skip: number, q: Query, heap: TopK, geoCap: number): void {
    const done = this.epoch + 1;
    const aux = this.auxU32;
    const { slots, tags, lats, hints } = list;
    for (let i = 0; i < list.length; i++) {
      const tag = tags[i] ?? 0;
      const lat = lats[i] ?? LAT_NONE;
      if ((tag & skip) !== skip || outOfBand(tag, lat, q)) continue;
      const ub = this.bound(hints[i] ?? 0, postingGeo(tag, lat), q, SIBLING_CREDIT, geoCap);
      if (ub < 0 || (heap.full && ub < heap.threshold)) continue;
      const slot = slots[i] ?? 0;
      const a = slot * AUX_WORDS + A_STATE;
      if (aux[a] === done) continue;
      aux[a] = done;
      this.evaluate(slot, q, heap);
    }
  }

  /** Phase 3 over a local list (postiers in reach), bounded from the aux words. */
  private scanSiblingLocal(list: SlotList, q: Query, heap: TopK, geoCap: number): void {
    const done = this.epoch + 1;
    const aux = this.auxU32;
    const data = list.data;
    for (let i = 0; i < list.length; i++) {
      const slot = data[i] ?? 0;
      const a = slot * AUX_WORDS + A_STATE;
      if (aux[a] === done) continue;
      const ub = this.boundOf(slot, q, SIBLING_CREDIT, geoCap);
      if (ub < 0 || (heap.full && ub < heap.threshold)) continue;
      aux[a] = done;
      this.evaluate(slot, q, heap);
    }
  }

  private nextEpoch(): void {
    this.epoch += 2;
    if (this.epoch >= 0xfffffff0) {
      for (let a = A_STATE; a < this.auxU32.length; a += AUX_WORDS) this.auxU32[a] = 0;
      this.epoch = 2;
    }
  }

  // ------------------------------------------------------------------ storage

  private categoryId(code: string): number {
    let c = this.categoryIdOf.get(code);
    if (c === undefined) {
      c = this.categorySkills.length;
      this.categoryIdOf.set(code, c);
      this.categorySkills.push([]);
    }
    return c;
  }

  private registerSkill(code: string, category: number): number {
    const id = this.skillCodes.length;
    if (id >= MAX_SKILL_IDS) throw new RangeError(`more than ${MAX_SKILL_IDS} distinct skill codes`);
    this.skillIdOf.set(code, id);
    this.skillCodes.push(code);
    this.skillCategory.push(category);
    if (category >= 0) this.categorySkills[category]?.push(id);
    this.postings.push(undefined);
    return id;
  }

  private normalize(p: CandidateProfile): Normalized {
    if (typeof p.id !== 'string' || p.id === '')
      throw new TypeError('candidate id must be a non-empty string');
    const from = fromDay(p.availableFrom);
    const to = toDay(p.availableTo);
    const levelOf = dedupeProfileSkills(p.skills);
    if (levelOf.size > MAX_SKILLS_PER_POSTIER) {
      throw new RangeError(`candidate ${p.id} has more than ${MAX_SKILLS_PER_POSTIER} skills`);
    }
    const coords = validCoordinates(p.latitude, p.longitude);
    let flags = F_LIVE;
    if (p.active) flags |= F_ACTIVE;
    if (p.optedIn) flags |= F_OPTED_IN;
    if (p.remoteOk) flags |= F_REMOTE_OK;
    if (coords) flags |= F_COORDS;
    const skills: number[] = [];
    for (const [code, level] of levelOf) {
      const id = this.skillIdOf.get(code) ?? this.registerSkill(code, -1);
      skills.push((id << 2) | (level - 1));
    }
    skills.sort((a, b) => a - b);
    const domainIds: number[] = [];
    for (const code of p.domains) {
      const d = this.domainId(code);
      if (!domainIds.includes(d)) domainIds.push(d);
    }
    const last = quantizeEpochMs(p.lastSolicitedAt);
    return {
      flags,
      lat: coords ? quantizeCoordinate(p.latitude ?? 0) : 0,
      lon: coords ? quantizeCoordinate(p.longitude ?? 0) : 0,
      radius: quantizeRadius(p.mobilityRadiusKm),
      dept: p.departementCode === null ? 0 : this.deptId(p.departementCode),
      from,
      to,
      quota: quantizeHours(p.remainingQuotaHours),
      solicitations: quantizeCount(p.solicitationsLast30Days),
      lastSeconds: Number.isNaN(last) ? NEVER : Math.min(MAX_EPOCH_SECONDS, last / 1000),
      skills,
      domainIds,
    };
  }

  private deptId(code: string): number {
    let d = this.deptIdOf.get(code);
    if (d === undefined) {
      d = this.deptCodes.length;
      if (d > MAX_DEPARTEMENT_IDS) throw new RangeError('too many distinct département codes');
      this.deptIdOf.set(code, d);
      this.deptCodes.push(code);
    }
    return d;
  }

  private domainId(code: string): number {
    let d = this.domainIdOf.get(code);
    if (d === undefined) {
      d = this.domainCodes.length;
      this.domainIdOf.set(code, d);
      this.domainCodes.push(code);
      if (d >= INLINE_DOMAINS) this.extraDomainBits.push(new Uint32Array(Math.ceil(this.capacity / 32)));
    }
    return d;
  }

  private allocate(): number {
    const reused = this.freeSlots.pop();
    if (reused !== undefined) return reused;
    if (this.highWater >= this.capacity) this.ensureCapacity(Math.max(64, Math.ceil(this.capacity * 1.5)));
    return this.highWater++;
  }

  private ensureCapacity(n: number): void {
    if (n <= this.capacity) return;
    const buffer = new ArrayBuffer(n * RECORD_WORDS * 4);
    new Uint32Array(buffer).set(this.u32);
    this.u32 = new Uint32Array(buffer);
    this.i32 = new Int32Array(buffer);
    this.f32 = new Float32Array(buffer);
    this.u16 = new Uint16Array(buffer);
    const overflow = new Uint32Array(n);
    overflow.set(this.overflowStart);
    this.overflowStart = overflow;
    const aux = new ArrayBuffer(n * AUX_WORDS * 4);
    new Uint32Array(aux).set(this.auxU32);
    this.auxU32 = new Uint32Array(aux);
    this.stamp = new Uint32Array(n);
    this.stampShift = Math.max(18, Math.ceil(Math.log2(n + 1)));
    this.stampEpoch = 0;
    this.touched = new Int32Array(n);
    this.touchedAcc = new Float32Array(n);
    this.touchedHint = new Uint32Array(n);
    this.touchedGeo = new Uint32Array(n);
    this.touchedBucket = new Uint16Array(n);
    this.order = new Int32Array(n);
    this.extraDomainBits = this.extraDomainBits.map((d) => {
      const g = new Uint32Array(Math.ceil(n / 32));
      g.set(d);
      return g;
    });
    this.ids.grow(n);
    this.capacity = n;
  }

  private skillCountOf(slot: number): number {
    return ((this.u32[slot * RECORD_WORDS + W_META] ?? 0) >>> 8) & 0xff;
  }

  /** Writes the packed skills (the count goes in the meta word, written by the caller). */
  private writeSkills(slot: number, skills: number[], oldCount: number): void {
    const base = (slot * RECORD_WORDS + W_SKILLS) * 2;
    const inline = Math.min(skills.length, INLINE_SKILLS);
    for (let k = 0; k < INLINE_SKILLS; k++) this.u16[base + k] = k < inline ? (skills[k] ?? 0) : 0;
    // Overflow: the old extent becomes dead, the new one is appended.
    this.poolWasted += Math.max(0, oldCount - INLINE_SKILLS);
    const extra = skills.length - inline;
    if (extra <= 0) return;
    if (this.poolUsed + extra > this.pool.length) {
      const pool = new Uint16Array(Math.max(1024, Math.ceil((this.poolUsed + extra) * 1.5)));
      pool.set(this.pool.subarray(0, this.poolUsed));
      this.pool = pool;
    }
    const start = this.poolUsed;
    for (let k = 0; k < extra; k++) this.pool[start + k] = skills[inline + k] ?? 0;
    this.poolUsed += extra;
    this.overflowStart[slot] = start;
  }

  private maybeCompact(): void {
    if (this.poolWasted < 4096 || this.poolWasted * 4 < this.poolUsed) return;
    const live = this.poolUsed - this.poolWasted;
    const pool = new Uint16Array(Math.max(1024, Math.ceil(live * 1.25)));
    let at = 0;
    for (let slot = 0; slot < this.highWater; slot++) {
      const extra = this.skillCountOf(slot) - INLINE_SKILLS;
      if (extra <= 0) continue;
      const s = this.overflowStart[slot] ?? 0;
      pool.set(this.pool.subarray(s, s + extra), at);
      this.overflowStart[slot] = at;
      at += extra;
    }
    this.pool = pool;
    this.poolUsed = at;
    this.poolWasted = 0;
  }

  private writeDomains(slot: number, domainIds: number[]): void {
    let mask = 0;
    const w = slot >>> 5;
    const bit = 1 << (slot & 31);
    for (const bits of this.extraDomainBits) bits[w] = (bits[w] ?? 0) & ~bit;
    for (const d of domainIds) {
      if (d < INLINE_DOMAINS) mask |= 1 << d;
      else {
        const bits = this.extraDomainBits[d - INLINE_DOMAINS];
        if (bits !== undefined) bits[w] = (bits[w] ?? 0) | bit;
      }
    }
    this.u32[slot * RECORD_WORDS + W_DOMAINS] = mask >>> 0;
  }

  /** The bound hints of a slot (its query state is left alone). */
  private writeAux(slot: number, v: Normalized): void {
    let hint = Math.min(255, v.solicitations) << 24;
    for (const d of v.domainIds) if (d < HINT_DOMAINS) hint |= 1 << d;
    if ((v.flags & F_REMOTE_OK) !== 0) hint |= HINT_REMOTE_OK;
    const latQ = (v.flags & F_COORDS) !== 0 ? Math.round(v.lat * LAT_SCALE) : LAT_NONE;
    const a = slot * AUX_WORDS;
    this.auxU32[a + A_HINT] = hint >>> 0;
    this.auxU32[a + A_GEO] = ((latQ << 16) | v.radius) >>> 0;
  }

  /** The packed skills of a slot (inline, then overflow). */
  private skillsOf(slot: number): number[] {
    const count = this.skillCountOf(slot);
    const base = (slot * RECORD_WORDS + W_SKILLS) * 2;
    const out: number[] = [];
    for (let k = 0; k < Math.min(count, INLINE_SKILLS); k++) out.push(this.u16[base + k] ?? 0);
    const start = this.overflowStart[slot] ?? 0;
    for (let k = 0; k < count - INLINE_SKILLS; k++) out.push(this.pool[start + k] ?? 0);
    return out;
  }

  /** Adds a listed slot to the posting lists, the grid and its département list. */
  private attach(slot: number): void {
    const o = slot * RECORD_WORDS;
    const meta = this.u32[o + W_META] ?? 0;
    if ((meta & LISTED) !== LISTED) return;
    const remote = (meta & F_REMOTE_OK) !== 0 ? POSTING_REMOTE_OK : 0;
    const tier = radiusTier(meta >>> 16) << POSTING_TIER_SHIFT;
    const latQ = (this.auxU32[slot * AUX_WORDS + A_GEO] ?? 0) >> 16;
    const hint = this.auxU32[slot * AUX_WORDS + A_HINT] ?? 0;
    for (const packed of this.skillsOf(slot)) {
      const s = packed >>> 2;
      let list = this.postings[s];
      if (list === undefined) {
        list = new Postings();
        this.postings[s] = list;
      }
      list.insert(slot, ((packed & 3) + 1) | remote | tier, latQ, hint);
    }
    if ((meta & F_COORDS) !== 0)
      this.grid.add(slot, this.f32[o + W_LAT] ?? 0, this.f32[o + W_LON] ?? 0, meta >>> 16);
    const d = (this.u32[o + W_DEPT] ?? 0) & 0xffff;
    if (d > 0) {
      MatchingIndex.listIn(this.deptLists, d).push(slot);
      if ((meta & F_COORDS) === 0) MatchingIndex.listIn(this.deptCoordless, d).push(slot);
    }
  }

  private static listIn(lists: (SlotList | undefined)[], d: number): SlotList {
    let list = lists[d];
    if (list === undefined) {
      list = new SlotList();
      lists[d] = list;
    }
    return list;
  }

  /** Reverse of attach, from the values still stored for the slot. */
  private detach(slot: number): void {
    const o = slot * RECORD_WORDS;
    const meta = this.u32[o + W_META] ?? 0;
    if ((meta & LISTED) !== LISTED) return;
    for (const packed of this.skillsOf(slot)) this.postings[packed >>> 2]?.remove(slot);
    if ((meta & F_COORDS) !== 0) {
      this.grid.remove(slot, this.f32[o + W_LAT] ?? 0, this.f32[o + W_LON] ?? 0, meta >>> 16);
    }
    const d = (this.u32[o + W_DEPT] ?? 0) & 0xffff;
    if (d > 0) {
      this.deptLists[d]?.remove(slot);
      if ((meta & F_COORDS) === 0) this.deptCoordless[d]?.remove(slot);
    }
  }

  private materialize(slot: number): CandidateProfile {
    const o = slot * RECORD_WORDS;
    const meta = this.u32[o + W_META] ?? 0;
    const skills: CandidateSkill[] = this.skillsOf(slot).map((packed) => ({
      code: this.skillCodes[packed >>> 2] ?? '',
      level: quantizeLevel((packed & 3) + 1),
    }));
    const domains: string[] = [];
    const mask = this.u32[o + W_DOMAINS] ?? 0;
    const w = slot >>> 5;
    const bit = 1 << (slot & 31);
    this.domainCodes.forEach((code, d) => {
      const on =
        d < INLINE_DOMAINS
          ? ((mask >>> d) & 1) === 1
          : ((this.extraDomainBits[d - INLINE_DOMAINS]?.[w] ?? 0) & bit) !== 0;
      if (on) domains.push(code);
    });
    const from = this.i32[o + W_FROM] ?? OPEN_FROM_DAY;
    const to = this.i32[o + W_TO] ?? OPEN_TO_DAY;
    const coords = (meta & F_COORDS) !== 0;
    const deptWord = this.u32[o + W_DEPT] ?? 0;
    const d = deptWord & 0xffff;
    const last = this.u32[o + W_LAST] ?? NEVER;
    return {
      id: this.ids.idOf(slot),
      active: (meta & F_ACTIVE) !== 0,
      optedIn: (meta & F_OPTED_IN) !== 0,
      skills,
      latitude: coords ? (this.f32[o + W_LAT] ?? null) : null,
      longitude: coords ? (this.f32[o + W_LON] ?? null) : null,
      departementCode: d > 0 ? (this.deptCodes[d] ?? null) : null,
      mobilityRadiusKm: meta >>> 16,
      remoteOk: (meta & F_REMOTE_OK) !== 0,
      availableFrom: from === OPEN_FROM_DAY ? null : isoDate(from),
      availableTo: to === OPEN_TO_DAY ? null : isoDate(to),
      domains,
      remainingQuotaHours: this.f32[o + W_QUOTA] ?? 0,
      solicitationsLast30Days: deptWord >>> 16,
      lastSolicitedAt: last === NEVER ? null : last * 1000,
    };
  }
}
