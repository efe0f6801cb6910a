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
 * Beside the record, a 4-byte query state per slot (`doneAt`: done for the current query). Ids:
 * canonical lowercase uuids as 4 words in a hash table (ids.ts), anything else in a Map.
 *
 * Inverted structures, for active opted-in postiers only (the others cost nothing at query time):
 * per-skill posting lists sorted by slot, a radius-tiered spatial grid (grid.ts) and, for the
 * same-département fallback, per-département lists of postiers without coordinates. Every entry of
 * these lists carries what bounds its postier's score without reading the record (slot-list.ts):
 * level, remote ok, radius tier, quantized coordinates, domains and solicitations, availability
 * window (empty without quota), the skill categories held with a Bloom filter of the skills, and
 * in a posting list the signature of the holder's skills in the posting's category. An upsert
 * detaches the slot from these lists and attaches it again: it touches only that postier's entries.
 *
 * Ranking a mission: every postier scored goes through the same hard filters and formula as
 * `scoreCandidate` and is offered to a bounded heap (score descending, id ascending). Upper bounds
 * (each ≥ the true score, so pruning never changes the answer) decide who gets scored, and a list
 * entry is bounded from its own columns, in stages of rising cost, before any random read:
 * - the "skills walk" visits only holders of a relevant skill (a mission skill or a sibling): a
 *   postier without one is not a match at all (scoring.ts).
 *   1. The mission skills' posting lists, heaviest skill first. Entries whose bound can enter are
 *      collected, then scored by decreasing bound (counting sort) until a bucket's ceiling cannot
 *      enter; the first COLLECT_FLUSH entries are scored early so that the threshold rejects most of
 *      the rest before collection. Before each list, MaxScore: a postier not met yet holds none of
 *      the skills read so far (at most their sibling credit); when full credit for the rest cannot
 *      reach the threshold, the walk stops there.
 *   2. Holders of sibling skills only (skills score ≤ 0.25), only if one could still enter: the
 *      siblings' lists or, for onsite and hybrid missions, the grid cells close enough to give the
 *      geography such a holder would need, when those are shorter.
 * - the "local walk" reads the grid cells that can reach the mission, plus the département list of
 *   postiers without coordinates (the fallback rule), bounding skills from the categories held.
 * Remote missions, and missions without coordinates, use the skills walk. An onsite mission uses the
 * local walk when its lists are shorter than half its posting lists (or hold at most
 * LOCAL_WALK_MAX); a hybrid one when they hold at most LOCAL_WALK_MAX, then adds the skills walk
 * over remote-ok postiers, whose geography is 0.25 once everyone in reach was seen.
 * The reasons of the k winners come from `scoreQuantized`, the function behind `scoreCandidate`, on
 * the stored values, so they are those of the reference scan. A query allocates little beyond its
 * answer: scratch arrays and the heap are reused.
 */

import { GeoGrid, RADIUS_TIERS_KM, radiusTier } from './grid';
import { IdTable } from './ids';
import { type PreparedMission, prepareMission, type QuantizedCandidate, scoreQuantized } from './scan';
import {
  combine,
  compileTaxonomy,
  coverage,
  dedupeProfileSkills,
  EARTH_RADIUS_KM,
  freshness,
  fromDay,
  GEO_EXCLUDED,
  GEO_HYBRID_REMOTE,
  GEO_SAME_DEPARTEMENT,
  geoBasis,
  geoValue,
  haversineKm,
  isoDate,
  levelCredit,
  linearFloor,
  linearTieCeiling,
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
  SCORE_WEIGHTS,
  SIBLING_CREDIT,
  siblingCredit,
  toDay,
  validCoordinates,
} from './scoring';
import {
  clampDay,
  type EntryFields,
  LocalList,
  NO_WINDOW,
  POSTING_LEVEL_MASK,
  POSTING_REMOTE_OK,
  POSTING_TIER_SHIFT,
  Postings,
} from './slot-list';
import { TopK } from './top-k';
import type {
  CandidateProfile,
  CandidateSkill,
  MissionQuery,
  RankedCandidate,
  RankOptions,
  SkillLevel,
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
/** Entries of a list bounded at a time by the first pass of `sweep`. */
const SWEEP_CHUNK = 1024;
/** Collected entries scored (best first) as soon as there are this many. */
const COLLECT_FLUSH = 4096;
/** Buckets of the score bound in the skills walk. */
const BOUND_BUCKETS = 1024;
/** Slack on the skills bound (summed in another order than the score). */
const BOUND_SLACK = 1e-6;
/**
 * The same in score units. A posting's bound is summed in another order than `linearScore`, and
 * never clamped, so this slack (far above rounding errors) keeps it at or above the true sum.
 */
const SKILLS_SLACK = SCORE_WEIGHTS.skills * BOUND_SLACK;
/** The local walk is always taken when its lists hold at most this many postiers (see `rank`). */
const LOCAL_WALK_MAX = 4096;
/** `sweep` modes besides a mission skill's index (see there). */
const SIBLINGS_ONLY = -1;
const ANY_SKILLS = -2;

/** What a candidate's bound must reach to enter the heap: nothing until it is full. */
function floorOf(heap: TopK): number {
  return heap.full ? linearFloor(heap.threshold) : Number.NEGATIVE_INFINITY;
}

/** Below this bound a candidate can at best tie with the worst kept. */
function tieOf(heap: TopK): number {
  return heap.full ? linearTieCeiling(heap.threshold) : Number.NEGATIVE_INFINITY;
}
const NO_SIGS = new Uint32Array(0);

/**
 * Bound hint of a list entry: bits 0..22 domain ids 0..22 (a mission domain beyond counts as held);
 * bit 23 remote ok; bits 24..31 solicitations (saturated at 255).
 */
const HINT_DOMAINS = 23;
const HINT_REMOTE_OK = 1 << 23;
const LAT_SCALE = 360;
const LAT_NONE = -32768;
/** Degrees: rounding of the quantized latitude plus float32 error. */
const LAT_MARGIN = 0.5 / LAT_SCALE + 1e-5;
/** A great-circle distance is at least the latitude difference × this (km per degree, rounded down). */
const KM_PER_DEGREE_LOWER = ((EARTH_RADIUS_KM * Math.PI) / 180) * (1 - 1e-9);
/** Postings also carry the longitude × 180 (int16: ±180° does not fit at the latitude's scale). */
const LON_SCALE = 180;
const LON_MARGIN = 0.5 / LON_SCALE + 1e-5;
const RAD = Math.PI / 180;
/**
 * The distance lower bound of a posting clamps half-angles to this (radians; distances up to
 * ~640 km), where sin x ≥ SIN_FACTOR·x still holds; beyond, a lower bound needs not be close.
 */
const HALF_ANGLE_MAX = 0.05;
const SIN_FACTOR = 1 - (HALF_ANGLE_MAX * HALF_ANGLE_MAX) / 6 - 1e-12;

/**
 * What a posting tells of its holder's other skills, to bound their skills score without reading
 * their record. A postier's skills mostly come from one or two categories, and so do a mission's:
 * - the signature: the holder's skills in the posting's own category, 16 positions of 2 bits (the
 *   skill's rank in its category, modulo 16), each the best level code held there (0 none, else
 *   see LEVEL_OF_CODE); exact up to 16 skills per category, beyond that a collision only loosens
 *   the bound;
 * - the category word: bit (category mod 15) for every category the holder has a skill in, bit 15
 *   for skills outside the taxonomy; bits 16..31 a Bloom filter (bit 16 + skill id mod 16) of the
 *   holder's skills outside the posting's category (all of them in a local list). A mission skill
 *   of another category is then bounded by nothing without its category, by the sibling credit
 *   without its Bloom bit, by full credit otherwise.
 */
const SIG_POSITIONS = 16;
const UNCATEGORIZED_BIT = 1 << 15;
function categoryBit(category: number): number {
  return category >= 0 ? 1 << (category % 15) : UNCATEGORIZED_BIT;
}
function bloomBit(skill: number): number {
  return (1 << (16 + (skill % 16))) >>> 0;
}
/** The highest level a code may stand for: 1 → levels 1–2, 2 → 3, 3 → 4. */
const LEVEL_OF_CODE = [0, 2, 3, 4] as const;
function levelCode(level: number): number {
  return level <= 2 ? 1 : level - 1;
}
/** Freshness part of the score bounded by a hint's saturated count: weight / (1 + solicitations). */
const FRESH_PART = Float64Array.from({ length: 256 }, (_, i) => SCORE_WEIGHTS.freshness / (1 + i));

/**
 * Lower bound (km) of the great-circle distance between a posting's quantized coordinates and the
 * mission's: haversine with sin x ≥ SIN_FACTOR·x on clamped half-angles, asin x ≥ x, and
 * cos φ ≥ cos φ_mission − |Δφ| for the postier's latitude; at least the latitude gap alone.
 * Arithmetic only, so every posting of an onsite or hybrid walk can afford it.
 */
function distanceLowerKm(latQ: number, lonQ: number, lat: number, lon: number, cosLat: number): number {
  const dLat = Math.abs(latQ / LAT_SCALE - lat);
  let dLon = Math.abs(lonQ / LON_SCALE - lon);
  if (dLon > 180) dLon = 360 - dLon;
  const latLow = dLat > LAT_MARGIN ? dLat - LAT_MARGIN : 0;
  const lonLow = dLon > LON_MARGIN ? dLon - LON_MARGIN : 0;
  const a = Math.min(HALF_ANGLE_MAX, latLow * (RAD / 2));
  const b = Math.min(HALF_ANGLE_MAX, lonLow * (RAD / 2));
  const cosOther = Math.max(0, cosLat - (dLat + LAT_MARGIN) * RAD);
  const hav = SIN_FACTOR * SIN_FACTOR * (a * a + cosLat * cosOther * b * b);
  return Math.max(2 * EARTH_RADIUS_KM * Math.sqrt(hav), latLow * KM_PER_DEGREE_LOWER) * (1 - 1e-9);
}

export type RankStrategy = 'skills' | 'local' | 'local+remote';

export interface IndexRankOptions extends RankOptions {
  /** Force a candidate generation strategy (tests, tuning); default 'auto'. */
  strategy?: 'auto' | 'skills' | 'local';
}

export interface RankStats {
  strategy: RankStrategy;
  /** List entries read (posting lists and local lists). */
  postings: number;
  /** Entries that passed the first stage of their bound (then distance, skill signature). */
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
  /** Onsite or hybrid mission with coordinates: a posting's coordinates bound the distance. */
  band: boolean;
  /** Mission latitude × LAT_SCALE. */
  latQ: number;
  /** cos of the mission's latitude. */
  cosLat: number;
  /** Mission longitude × LON_SCALE. */
  lonQ: number;
  /** Per radius tier: the reach (r onsite, 2r hybrid) of the tier's largest radius. */
  reachOfTier: Float64Array;
  /**
   * Per radius tier, half-sizes (in LAT_SCALE / LON_SCALE units, margins included) of a box around
   * the mission holding every point in the tier's reach: a posting outside is out of reach.
   */
  boxLat: Float64Array;
  boxLon: Float64Array;
  // Bounds of the skills part of the score from a posting, in score units (credit × w / total ×
  // the skills weight), so a posting's bound is a plain sum:
  /** For mission skill j's own list, at j·8 + level: its credit (at least the sibling credit). */
  ownPart: Float64Array;
  /** For mission skill j's own list: every other mission skill at full credit. */
  othersPart: Float64Array;
  /** Bit offset of each mission skill's signature position. */
  sigShift: Int32Array;
  /**
   * At i·4 + code, for a posting of i's category: mission skill i at the best level that
   * signature code stands for; code 0 (not held): the sibling credit (the posting's own skill).
   */
  codePart: Float64Array;
  /**
   * At i·4 + (0 | 1 | 2), for a posting of another category: i's category not held (nothing), held
   * without i's Bloom bit (the sibling credit), with it (full credit).
   */
  otherPart: Float64Array;
  /** Category of each mission skill (-1 none). */
  skillCat: Int32Array;
  /** Mission skill i at full credit. */
  fullPart: Float64Array;
  /** Category-mask bit of mission skill i (0 when nobody can hold it). */
  catBit: Uint32Array;
  /** catBit when mission skill i has siblings, else 0. */
  sibBit: Uint32Array;
  /** Bloom bit of mission skill i (0 when nobody can hold it). */
  skillBit: Uint32Array;
  /** Mission skill i at the sibling credit. */
  sibPart: Float64Array;
}

export class MatchingIndex {
  private readonly taxonomy: Taxonomy;

  // Registries (code ↔ dense id).
  private readonly skillIdOf = new Map<string, number>();
  private readonly skillCodes: string[] = [];
  private readonly skillCategory: number[] = [];
  /** Signature position of each skill. */
  private readonly skillPosition: number[] = [];
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
  /** Postiers without coordinates, per département (the fallback rule when the mission has some). */
  private readonly deptCoordless: (LocalList | undefined)[] = [];

  /** Per slot: the current query's `epoch` once the postier is done for it (scored or excluded). */
  private epoch = 0;
  private doneAt = new Uint32Array(0);
  // Collected entries (never more than COLLECT_FLUSH: the sweep scores them at that count), then
  // their order by bound.
  private collected = 0;
  private readonly collectedSlot = new Int32Array(COLLECT_FLUSH);
  private readonly collectedBound = new Float64Array(COLLECT_FLUSH);
  private readonly collectedOrder = new Int32Array(COLLECT_FLUSH);
  // Survivors of the first pass over a chunk of a list (see `sweep`): index, flags.
  private readonly survivors = new Int32Array(SWEEP_CHUNK);
  private readonly survivorFlags = new Uint8Array(SWEEP_CHUNK);
  private readonly bucketStart = new Int32Array(BOUND_BUCKETS + 1);
  private readonly heap = new TopK(0, (a, b) => this.ids.compare(a, b));
  private winners = new Int32Array(0);
  /** Reused for each winner's reasons (scoreQuantized keeps nothing of it). */
  private readonly candidate: QuantizedCandidate & { skillCodes: string[]; skillLevels: SkillLevel[] } = {
    id: '',
    active: false,
    optedIn: false,
    quota: 0,
    fromDay: 0,
    toDay: 0,
    latitude: Number.NaN,
    longitude: Number.NaN,
    departementCode: null,
    radiusKm: 0,
    remoteOk: false,
    skillCodes: [],
    skillLevels: [],
    inMissionDomain: false,
    solicitations: 0,
    lastSolicitedAt: Number.NaN,
  };
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
      this.doneAt.byteLength +
      this.collectedSlot.byteLength +
      this.collectedBound.byteLength +
      this.collectedOrder.byteLength +
      this.ids.bytes() +
      this.grid.bytes() +
      this.freeSlots.length * 8;
    for (const d of this.extraDomainBits) b += d.byteLength;
    for (const p of this.postings) if (p !== undefined) b += p.bytes();
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
    for (const id of pm.excluded) {
      const slot = this.ids.get(id);
      if (slot !== undefined) this.doneAt[slot] = this.epoch;
    }
    const heap = this.heap;
    heap.reset(topK);

    let strategy: RankStrategy = 'skills';
    const forced = options.strategy ?? 'auto';
    if (q.mode === MODE_REMOTE || !q.hasLocation) {
      // Without coordinates the fallback rule (same département) applies to everyone: the skills
      // walk with geography bounded by 1.
      this.skillsWalk(q, heap, 1, false);
    } else {
      const { lists: local, size: localSize } = this.localLists(q);
      // Onsite: whichever reads fewer entries (the local lists hold everyone in reach, the
      // posting lists every holder anywhere). Hybrid: the local walk adds to the remote-ok walk.
      let postingsSize = 0;
      if (q.mode === MODE_ONSITE) {
        for (let j = 0; j < q.n; j++) postingsSize += this.postings[q.skillIds[j] ?? -1]?.length ?? 0;
      }
      const useLocal =
        forced === 'local' || (forced === 'auto' && localSize <= Math.max(LOCAL_WALK_MAX, postingsSize / 2));
      if (useLocal) {
        this.collected = 0;
        for (const l of local) this.sweep(l, ANY_SKILLS, q, heap, 1, 0, true);
        this.visitCollected(q, heap);
        strategy = 'local';
        if (q.mode === MODE_HYBRID) {
          // Everyone in reach was just visited: whoever is left is at most "remote" (0.25).
          this.skillsWalk(q, heap, GEO_HYBRID_REMOTE, true);
          strategy = 'local+remote';
        }
      } else {
        this.skillsWalk(q, heap, 1, false);
      }
    }
    this.stats = { strategy, postings: this.postingsRead, bounded: this.bounded, evaluated: this.evaluated };

    if (this.winners.length < topK) this.winners = new Int32Array(topK);
    const count = heap.drain(this.winners);
    const out: RankedCandidate[] = [];
    const categoryOf = compileTaxonomy(this.taxonomy).categoryOf;
    for (let w = 0; w < count; w++) {
      const r = scoreQuantized(categoryOf, this.quantized(this.winners[w] ?? 0, q.domainId), pm, now);
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
    const tiers = RADIUS_TIERS_KM.length + 1;
    const reachOfTier = new Float64Array(tiers);
    const boxLat = new Float64Array(tiers).fill(Number.POSITIVE_INFINITY);
    const boxLon = new Float64Array(tiers).fill(Number.POSITIVE_INFINITY);
    const cosLat = band ? Math.cos(pm.latitude * RAD) : 1;
    for (let t = 0; t < tiers; t++) {
      const reach = reachKm(pm.mode, RADIUS_TIERS_KM[t] ?? 0xffff);
      reachOfTier[t] = reach;
      if (!band) continue;
      // A spherical cap of angular radius `ang`: latitudes within ±ang, longitudes within
      // ±asin(sin ang / cos φ) unless it holds a pole.
      const ang = (reach / EARTH_RADIUS_KM) * (1 + 1e-9);
      boxLat[t] = ((ang / RAD) * (1 + 1e-9) + LAT_MARGIN) * LAT_SCALE + 1e-6;
      if (ang < Math.PI / 2 && Math.sin(ang) < cosLat * (1 - 1e-9)) {
        const dLon = Math.asin(Math.min(1, (Math.sin(ang) / cosLat) * (1 + 1e-9))) / RAD;
        boxLon[t] = (dLon * (1 + 1e-6) + LON_MARGIN) * LON_SCALE + 1e-6;
      }
    }
    // Skills bounds from postings. A sum of shares is not computed in the order of `coverage`, hence
    // the slack where they are used.
    const total = pm.totalWeight;
    const ownPart = new Float64Array(n * 8);
    const othersPart = new Float64Array(n);
    const sigShift = new Int32Array(n);
    const codePart = new Float64Array(n * 4);
    const otherPart = new Float64Array(n * 4);
    const skillCat = new Int32Array(n).fill(-1);
    const fullPart = new Float64Array(n);
    const catBit = new Uint32Array(n);
    const sibBit = new Uint32Array(n);
    const skillBit = new Uint32Array(n);
    const sibPart = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      const sj = (SCORE_WEIGHTS.skills * (weights[j] ?? 0)) / total;
      fullPart[j] = sj;
      const w = want[j] ?? 1;
      othersPart[j] = SCORE_WEIGHTS.skills - sj;
      for (let lvl = 1; lvl <= 4; lvl++)
        ownPart[j * 8 + lvl] = sj * Math.max(levelCredit(lvl, w), SIBLING_CREDIT);
      const s = skillIds[j] ?? -1;
      if (s < 0) continue; // nobody holds it, and it has no category: no credit at all
      const position = this.skillPosition[s] ?? 0;
      sigShift[j] = 2 * position;
      for (let code = 1; code <= 3; code++) {
        codePart[j * 4 + code] = sj * levelCredit(LEVEL_OF_CODE[code] ?? 4, w);
      }
      const c = this.skillCategory[s] ?? -1;
      skillCat[j] = c;
      catBit[j] = categoryBit(c);
      sibBit[j] = c >= 0 ? categoryBit(c) : 0;
      skillBit[j] = bloomBit(s);
      sibPart[j] = sj * SIBLING_CREDIT;
      codePart[j * 4] = c >= 0 ? sj * SIBLING_CREDIT : 0;
      otherPart[j * 4 + 1] = c >= 0 ? sj * SIBLING_CREDIT : 0;
      otherPart[j * 4 + 2] = sj;
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
      latQ: band ? pm.latitude * LAT_SCALE : 0,
      lonQ: band ? pm.longitude * LON_SCALE : 0,
      cosLat,
      reachOfTier,
      boxLat,
      boxLon,
      ownPart,
      othersPart,
      sigShift,
      codePart,
      otherPart,
      skillCat,
      fullPart,
      catBit,
      sibBit,
      skillBit,
      sibPart,
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

  /**
   * Lists of the local walk of a mission with coordinates: grid cells in reach, and for the
   * fallback rule the postiers of the mission's département without coordinates.
   */
  /**
   * The grid cells within reach of the mission (a hybrid mission reaches twice as far; `shrink`
   * narrows it), and the département's postiers without coordinates unless left out; with the
   * number of entries they hold.
   */
  private localLists(q: Query, shrink = 1, withCoordless = true): { lists: LocalList[]; size: number } {
    const lists = this.grid.listsNear(q.lat, q.lon, (q.mode === MODE_HYBRID ? 2 : 1) * shrink);
    const coordless = withCoordless && q.dept > 0 ? this.deptCoordless[q.dept] : undefined;
    if (coordless !== undefined) lists.push(coordless);
    let size = 0;
    for (const l of lists) size += l.length;
    return { lists, size };
  }

  /**
   * Visits the holders of relevant skills: the mission skills' posting lists, then, while a holder
   * of sibling skills only (skills score ≤ 0.25) could still enter, the siblings' lists, or for an
   * onsite or hybrid mission the local lists around it when those are shorter. `geoCap` bounds the
   * geography of every postier this walk can still meet; `remoteOnly` skips postiers who refuse
   * remote work.
   */
  private skillsWalk(q: Query, heap: TopK, geoCap: number, remoteOnly: boolean): void {
    const skip = remoteOnly ? POSTING_REMOTE_OK : 0;
    // Bounds first, then records by decreasing bound: scoring in list order would let the heap's
    // threshold lag and read many records a sorted order never reaches.
    this.collected = 0;
    // Heaviest skills first (the longest list last among equals): a postier not met yet holds none
    // of the skills read so far, so those count at most the sibling credit for them, and once
    // even full credit for the rest cannot reach the threshold (MaxScore), the rest is skipped,
    // siblings included.
    // The same test for the postiers out of reach of a hybrid mission (geography at most 0.25):
    // once they cannot enter, the remaining lists matter only for the postiers in reach.
    const order = this.listOrder(q);
    const priors = SCORE_WEIGHTS.domain + SCORE_WEIGHTS.freshness;
    const rest = SCORE_WEIGHTS.geography * geoCap + priors;
    const farRest = SCORE_WEIGHTS.geography * Math.min(geoCap, GEO_HYBRID_REMOTE) + priors;
    let unread = SCORE_WEIGHTS.skills;
    let readAsSiblings = 0;
    for (const j of order) {
      const floor = floorOf(heap);
      if (unread + readAsSiblings + SKILLS_SLACK + rest < floor) return;
      const farOpen = unread + readAsSiblings + SKILLS_SLACK + farRest >= floor;
      const s = q.skillIds[j] ?? -1;
      const list = s >= 0 ? this.postings[s] : undefined;
      if (list !== undefined) this.sweep(list, j, q, heap, geoCap, skip, true, farOpen);
      // Before the next list's test, the collected bounds must have raised the threshold.
      this.visitCollected(q, heap);
      this.collected = 0;
      unread -= q.fullPart[j] ?? 0;
      readAsSiblings += q.sibPart[j] ?? 0;
    }
    // 3. Holders of sibling skills only, while one could still enter: at most the sibling credit.
    const floor = floorOf(heap);
    const priorMax = SCORE_WEIGHTS.skills * SIBLING_CREDIT + SCORE_WEIGHTS.domain + SCORE_WEIGHTS.freshness;
    if (priorMax + SCORE_WEIGHTS.geography * geoCap < floor) return;
    let siblingSize = 0;
    for (const s of q.siblingSkills) siblingSize += this.postings[s]?.length ?? 0;
    const near = remoteOnly ? undefined : this.nearLists(q, (floor - priorMax) / SCORE_WEIGHTS.geography);
    if (near !== undefined && near.size < siblingSize) {
      for (const list of near.lists) this.sweep(list, SIBLINGS_ONLY, q, heap, geoCap, skip, false);
      return;
    }
    for (const s of q.siblingSkills) {
      const list = this.postings[s];
      if (list !== undefined) this.sweep(list, SIBLINGS_ONLY, q, heap, geoCap, skip, false);
    }
  }

  /** Mission skills by weight descending, then list length ascending. */
  private listOrder(q: Query): number[] {
    const order = Array.from({ length: q.n }, (_, j) => j);
    const length = (j: number) => {
      const s = q.skillIds[j] ?? -1;
      return s >= 0 ? (this.postings[s]?.length ?? 0) : 0;
    };
    return order.sort((a, b) => (q.fullPart[b] ?? 0) - (q.fullPart[a] ?? 0) || length(a) - length(b));
  }

  /**
   * For an onsite or hybrid mission with coordinates, the local lists holding every postier whose
   * geography can reach `minGeo` (undefined when postiers out of reach can, i.e. hybrid remote
   * work): geography 1 − 0.5·d/reach ≥ minGeo > 0.5 means d ≤ 2(1 − minGeo)·reach, a smaller
   * circle than the reach itself; the same-département fallback gives 0.75.
   */
  private nearLists(q: Query, minGeo: number): { lists: LocalList[]; size: number } | undefined {
    if (!q.band || (q.mode === MODE_HYBRID && minGeo <= GEO_HYBRID_REMOTE)) return undefined;
    return this.localLists(q, minGeo > 0.5 ? 2 * (1 - minGeo) : 1, minGeo <= GEO_SAME_DEPARTEMENT);
  }

  /**
   * Scores the collected postings by decreasing bound (counting sort into BOUND_BUCKETS), until
   * a bucket's ceiling cannot enter the heap. A postier collected from several lists is scored at
   * their first (highest) entry; the others find them done.
   */
  private visitCollected(q: Query, heap: TopK): void {
    const count = this.collected;
    if (count === 0) return;
    const { collectedSlot: slots, collectedBound: bounds, collectedOrder: order, bucketStart: start } = this;
    start.fill(0);
    for (let e = 0; e < count; e++) {
      const b = BOUND_BUCKETS - 1 - Math.min(BOUND_BUCKETS - 1, Math.floor((bounds[e] ?? 0) * BOUND_BUCKETS));
      start[b + 1] = (start[b + 1] ?? 0) + 1;
    }
    for (let b = 0; b < BOUND_BUCKETS; b++) start[b + 1] = (start[b + 1] ?? 0) + (start[b] ?? 0);
    for (let e = 0; e < count; e++) {
      const b = BOUND_BUCKETS - 1 - Math.min(BOUND_BUCKETS - 1, Math.floor((bounds[e] ?? 0) * BOUND_BUCKETS));
      const at = start[b] ?? 0;
      start[b] = at + 1;
      order[at] = e;
    }
    // start[b] is now the end of bucket b (buckets best first); bucket b holds bounds below its ceiling.
    let floor = floorOf(heap);
    let tie = tieOf(heap);
    let from = 0;
    for (let b = 0; b < BOUND_BUCKETS; b++) {
      const to = start[b] ?? 0;
      if (from === to) continue;
      // Every bound in bucket b is below its ceiling.
      if ((BOUND_BUCKETS - b) / BOUND_BUCKETS < floor) return;
      for (let k = from; k < to; k++) {
        const e = order[k] ?? 0;
        const ub = bounds[e] ?? 0;
        if (ub < floor) continue;
        if (this.offer(slots[e] ?? 0, ub, tie, q, heap)) {
          floor = floorOf(heap);
          tie = tieOf(heap);
        }
      }
      from = to;
    }
  }

  /**
   * One posting list, in order. Each posting is bounded from its own fields in stages of rising
   * cost (level and priors; then the distance; then the skill signature) against the heap's
   * threshold as it rises, so that most postings cost a few arithmetic operations; only a postier
   * whose bound can still enter reads their record (`evaluate`), once per query.
   *
   * `own` is the mission skill whose posting list this is; or SIBLINGS_ONLY: postiers not done yet
   * hold no mission skill (every holder of one was bounded in that skill's list, against a
   * threshold no higher than now), so SIBLING_CREDIT bounds each of their credits; or ANY_SKILLS
   * (a local list): a category held bounds its mission skills at full credit. Without `farOpen`,
   * postiers out of reach of a hybrid mission are skipped: none met first here could enter.
   */
  private sweep(
    list: Postings | LocalList,
    own: number,
    q: Query,
    heap: TopK,
    geoCap: number,
    skip: number,
    collect: boolean,
    farOpen = true,
  ): void {
    const len = list.length;
    this.postingsRead += len;
    const collectedSlot = this.collectedSlot;
    const collectedBound = this.collectedBound;
    let collected = this.collected;
    const { slots, tags, lats, lons, hints, cats, windows } = list;
    const start = clampDay(q.start);
    const end = clampDay(q.end);
    const sigs = list instanceof Postings ? list.sigs : NO_SIGS;
    const { ownPart, sigShift, codePart, otherPart, skillCat, catBit, sibBit, skillBit, sibPart } = q;
    const { reachOfTier, boxLat, boxLon } = q;
    const ownCat = own >= 0 ? (skillCat[own] ?? -1) : -1;
    const n = q.n;
    const others =
      own >= 0
        ? (q.othersPart[own] ?? SCORE_WEIGHTS.skills)
        : own === SIBLINGS_ONLY
          ? SCORE_WEIGHTS.skills * SIBLING_CREDIT
          : SCORE_WEIGHTS.skills;
    const domainId = q.domainId;
    // domain = ((hint >>> domainShift) & domainMask) | domainAlways; a domain beyond the hint's
    // bits counts as held.
    const domainShift = domainId >= 0 && domainId < HINT_DOMAINS ? domainId : 0;
    const domainMask = domainId >= 0 && domainId < HINT_DOMAINS ? 1 : 0;
    const domainAlways = domainId >= HINT_DOMAINS ? 1 : 0;
    const band = q.band;
    // Out of reach, a remote-ok postier stays a candidate of a hybrid mission (unless `farOpen`
    // says such a postier not met yet cannot enter).
    const remoteBit = q.mode === MODE_HYBRID && farOpen ? 1 : 0;
    const { lat, lon, latQ: missionLatQ, lonQ: missionLonQ, cosLat } = q;
    const capGeoPart = SCORE_WEIGHTS.geography * geoCap;
    const coordlessGeoPart = SCORE_WEIGHTS.geography * Math.min(geoCap, GEO_SAME_DEPARTEMENT);
    const farGeoPart = SCORE_WEIGHTS.geography * Math.min(geoCap, GEO_HYBRID_REMOTE);
    // Bounds are compared unrounded, against the sum below which a score rounds under the threshold,
    // and the one below which it rounds at most to it (then only a smaller id can enter).
    let floor = floorOf(heap);
    let tie = tieOf(heap);
    let bounded = 0;
    // Chunks in two passes. The first bounds every entry on its cheap columns with its tests folded
    // into 0/1 arithmetic and keeps the survivors' indices without a branch: the outcomes are close
    // to random from one entry to the next, and mispredicted branches, not memory, would set the
    // cost of the (mostly rejected) entries. The second takes the survivors further.
    const survivors = this.survivors;
    const survivorFlags = this.survivorFlags;
    for (let from = 0; from < len; from += SWEEP_CHUNK) {
      const to = Math.min(len, from + SWEEP_CHUNK);
      let m = 0;
      for (let i = from; i < to; i++) {
        const tag = tags[i] ?? 0;
        const window = windows[i] ?? 0;
        const hint = hints[i] ?? 0;
        const latQ = lats[i] ?? LAT_NONE;
        const lonQ = lons[i] ?? 0;
        const tier = tag >>> POSTING_TIER_SHIFT;
        const dLonQ = Math.abs(lonQ - missionLonQ);
        // Without coordinates: the département fallback, bounded by geoCap here.
        const coordless = +(latQ === LAT_NONE);
        const inBox =
          (+(Math.abs(latQ - missionLatQ) <= (boxLat[tier] ?? 0)) &
            +(Math.min(dLonQ, 360 * LON_SCALE - dLonQ) <= (boxLon[tier] ?? 0))) |
          coordless;
        const farOk = remoteBit & (tag >>> 3);
        const available = +((window & 0xffff) <= end) & +(window >>> 16 >= start);
        const domain = ((hint >>> domainShift) & domainMask) | domainAlways;
        // Domain and freshness (its volume part bounds it).
        const prior = SCORE_WEIGHTS.domain * domain + (FRESH_PART[hint >>> 24] ?? 0);
        const ownSkill = own >= 0 ? (ownPart[own * 8 + (tag & POSTING_LEVEL_MASK)] ?? 0) : 0;
        const geoCeil = farGeoPart + inBox * (capGeoPart - farGeoPart);
        const pass =
          +((tag & skip) === skip) &
          available &
          (inBox | farOk) &
          +(ownSkill + others + SKILLS_SLACK + geoCeil + prior >= floor);
        survivors[m] = i;
        survivorFlags[m] = inBox | (farOk << 1) | (coordless << 2);
        m += pass;
      }
      for (let t = 0; t < m; t++) {
        const i = survivors[t] ?? 0;
        const flags = survivorFlags[t] ?? 0;
        const inBox = flags & 1;
        const farOk = (flags >>> 1) & 1;
        const tag = tags[i] ?? 0;
        const hint = hints[i] ?? 0;
        const latQ = lats[i] ?? LAT_NONE;
        const lonQ = lons[i] ?? 0;
        const tier = tag >>> POSTING_TIER_SHIFT;
        const domain = ((hint >>> domainShift) & domainMask) | domainAlways;
        const prior = SCORE_WEIGHTS.domain * domain + (FRESH_PART[hint >>> 24] ?? 0);
        const ownSkill = own >= 0 ? (ownPart[own * 8 + (tag & POSTING_LEVEL_MASK)] ?? 0) : 0;
        let geoPart = capGeoPart;
        if (band) {
          if (flags >= 4) {
            geoPart = coordlessGeoPart;
          } else if (inBox === 0) {
            geoPart = farGeoPart;
          } else {
            const d = distanceLowerKm(latQ, lonQ, lat, lon, cosLat);
            const reach = reachOfTier[tier] ?? Number.POSITIVE_INFINITY;
            if (d > reach) {
              if (farOk === 0) continue;
              geoPart = farGeoPart;
            } else if (reach > 0) {
              geoPart = SCORE_WEIGHTS.geography * Math.min(geoCap, 1 - 0.5 * Math.min(1, d / reach));
            }
          }
        }
        bounded++;
        const held = cats[i] ?? 0;
        let skills = ownSkill;
        // Table lookups rather than branches on the held skills (same reason as above).
        if (own >= 0) {
          const sig = sigs[i] ?? 0;
          for (let k = 0; k < n; k++) {
            if (k === own) continue;
            if (ownCat >= 0 && skillCat[k] === ownCat) {
              skills += codePart[k * 4 + ((sig >>> (sigShift[k] ?? 0)) & 3)] ?? 0;
            } else {
              const c = +((held & (catBit[k] ?? 0)) !== 0);
              skills += otherPart[k * 4 + c + (c & +((held & (skillBit[k] ?? 0)) !== 0))] ?? 0;
            }
          }
        } else if (own === SIBLINGS_ONLY) {
          for (let k = 0; k < n; k++) skills += +((held & (sibBit[k] ?? 0)) !== 0) * (sibPart[k] ?? 0);
          // No category in common: no relevant skill, not a match.
          if (skills === 0) continue;
        } else {
          for (let k = 0; k < n; k++) {
            const c = +((held & (catBit[k] ?? 0)) !== 0);
            skills += otherPart[k * 4 + c + (c & +((held & (skillBit[k] ?? 0)) !== 0))] ?? 0;
          }
          if (skills === 0) continue;
        }
        const ub = skills + SKILLS_SLACK + geoPart + prior;
        if (ub < floor) continue;
        const slot = slots[i] ?? 0;
        if (collect) {
          collectedSlot[collected] = slot;
          collectedBound[collected] = ub;
          collected++;
          if (collected === COLLECT_FLUSH) {
            // The best of the first entries give the heap a threshold that rejects most of the
            // rest before collection; what this leaves behind is below it, for good.
            this.collected = collected;
            this.visitCollected(q, heap);
            collected = 0;
            floor = floorOf(heap);
            tie = tieOf(heap);
          }
          continue;
        }
        if (this.offer(slot, ub, tie, q, heap)) {
          floor = floorOf(heap);
          tie = tieOf(heap);
        }
      }
    }
    this.bounded += bounded;
    this.collected = collected;
  }

  /**
   * Scores `slot` unless it is done for this query or could at best tie and lose on its id (only a
   * smaller id than the worst kept enters on a tie). True when scored: the heap's bar may have risen.
   */
  private offer(slot: number, ub: number, tie: number, q: Query, heap: TopK): boolean {
    if (ub < tie && this.ids.compare(slot, heap.worstSlot) > 0) return false;
    if (this.doneAt[slot] === this.epoch) return false;
    this.doneAt[slot] = this.epoch;
    this.evaluate(slot, q, heap);
    return true;
  }

  private nextEpoch(): void {
    this.epoch += 1;
    if (this.epoch === 0xffffffff) {
      this.doneAt.fill(0);
      this.epoch = 1;
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
    const siblings = category >= 0 ? this.categorySkills[category] : undefined;
    this.skillPosition.push(siblings === undefined ? 0 : siblings.length % SIG_POSITIONS);
    siblings?.push(id);
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
    const doneAt = new Uint32Array(n);
    doneAt.set(this.doneAt);
    this.doneAt = doneAt;
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
    const coords = (meta & F_COORDS) !== 0;
    const lat = this.f32[o + W_LAT] ?? 0;
    const lon = this.f32[o + W_LON] ?? 0;
    const deptWord = this.u32[o + W_DEPT] ?? 0;
    let hint = Math.min(255, deptWord >>> 16) << 24;
    hint |= (this.u32[o + W_DOMAINS] ?? 0) & ((1 << HINT_DOMAINS) - 1);
    if (remote !== 0) hint |= HINT_REMOTE_OK;
    const skills = this.skillsOf(slot);
    let cats = 0;
    let bloom = 0;
    for (const packed of skills) {
      cats |= categoryBit(this.skillCategory[packed >>> 2] ?? -1);
      bloom |= bloomBit(packed >>> 2);
    }
    const quotaLeft = (this.f32[o + W_QUOTA] ?? 0) > 0;
    const from = clampDay(this.i32[o + W_FROM] ?? OPEN_FROM_DAY);
    const to = clampDay(this.i32[o + W_TO] ?? OPEN_TO_DAY);
    const entry: EntryFields = {
      tag: remote | tier,
      lat: coords ? Math.round(lat * LAT_SCALE) : LAT_NONE,
      lon: coords ? Math.round(lon * LON_SCALE) : 0,
      hint: hint >>> 0,
      cats: (cats | bloom) >>> 0,
      window: quotaLeft ? (from | (to << 16)) >>> 0 : NO_WINDOW,
    };
    if (coords) this.grid.cellFor(lat, lon, meta >>> 16).push(slot, entry);
    const d = deptWord & 0xffff;
    if (d > 0 && !coords) MatchingIndex.listIn(this.deptCoordless, d).push(slot, entry);
    for (const packed of skills) {
      const s = packed >>> 2;
      let list = this.postings[s];
      if (list === undefined) {
        list = new Postings();
        this.postings[s] = list;
      }
      entry.tag = ((packed & 3) + 1) | remote | tier;
      entry.cats = (cats | this.bloomOutside(skills, s)) >>> 0;
      list.insert(slot, entry, this.signature(skills, s));
    }
  }

  /** Bloom bits of `skills` outside the category of skill `s` (all of them when it has none). */
  private bloomOutside(skills: readonly number[], s: number): number {
    const category = this.skillCategory[s] ?? -1;
    let bloom = 0;
    for (const packed of skills) {
      if (category < 0 || this.skillCategory[packed >>> 2] !== category) bloom |= bloomBit(packed >>> 2);
    }
    return bloom;
  }

  /** Signature of `skills` in the category of skill `s` (0 when `s` has none). */
  private signature(skills: readonly number[], s: number): number {
    const category = this.skillCategory[s] ?? -1;
    if (category < 0) return 0;
    let sig = 0;
    for (const packed of skills) {
      if (this.skillCategory[packed >>> 2] !== category) continue;
      const shift = 2 * (this.skillPosition[packed >>> 2] ?? 0);
      const code = levelCode((packed & 3) + 1);
      if (code > ((sig >>> shift) & 3)) sig = (sig & ~(3 << shift)) | (code << shift);
    }
    return sig >>> 0;
  }

  private static listIn(lists: (LocalList | undefined)[], d: number): LocalList {
    let list = lists[d];
    if (list === undefined) {
      list = new LocalList();
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
      if ((meta & F_COORDS) === 0) this.deptCoordless[d]?.remove(slot);
    }
  }

  /** The stored values of a slot as scoring reads them (what `scoreCandidate` derives from `get`). */
  private quantized(slot: number, missionDomainId: number): QuantizedCandidate {
    const o = slot * RECORD_WORDS;
    const meta = this.u32[o + W_META] ?? 0;
    const c = this.candidate;
    c.skillCodes.length = 0;
    c.skillLevels.length = 0;
    const count = (meta >>> 8) & 0xff;
    const base = (o + W_SKILLS) * 2;
    const start = this.overflowStart[slot] ?? 0;
    for (let k = 0; k < count; k++) {
      const packed = (k < INLINE_SKILLS ? this.u16[base + k] : this.pool[start + k - INLINE_SKILLS]) ?? 0;
      c.skillCodes.push(this.skillCodes[packed >>> 2] ?? '');
      c.skillLevels.push(quantizeLevel((packed & 3) + 1));
    }
    const coords = (meta & F_COORDS) !== 0;
    const deptWord = this.u32[o + W_DEPT] ?? 0;
    const d = deptWord & 0xffff;
    const last = this.u32[o + W_LAST] ?? NEVER;
    c.id = this.ids.idOf(slot);
    c.active = (meta & F_ACTIVE) !== 0;
    c.optedIn = (meta & F_OPTED_IN) !== 0;
    c.quota = this.f32[o + W_QUOTA] ?? 0;
    c.fromDay = this.i32[o + W_FROM] ?? OPEN_FROM_DAY;
    c.toDay = this.i32[o + W_TO] ?? OPEN_TO_DAY;
    c.latitude = coords ? (this.f32[o + W_LAT] ?? Number.NaN) : Number.NaN;
    c.longitude = coords ? (this.f32[o + W_LON] ?? Number.NaN) : Number.NaN;
    c.departementCode = d > 0 ? (this.deptCodes[d] ?? null) : null;
    c.radiusKm = meta >>> 16;
    c.remoteOk = (meta & F_REMOTE_OK) !== 0;
    c.inMissionDomain = this.hasDomain(slot, missionDomainId);
    c.solicitations = deptWord >>> 16;
    c.lastSolicitedAt = last === NEVER ? Number.NaN : last * 1000;
    return c;
  }

  private hasDomain(slot: number, d: number): boolean {
    if (d < 0) return false;
    if (d < INLINE_DOMAINS) return (((this.u32[slot * RECORD_WORDS + W_DOMAINS] ?? 0) >>> d) & 1) === 1;
    return (((this.extraDomainBits[d - INLINE_DOMAINS]?.[slot >>> 5] ?? 0) >>> (slot & 31)) & 1) === 1;
  }

  private materialize(slot: number): CandidateProfile {
    const o = slot * RECORD_WORDS;
    const meta = this.u32[o + W_META] ?? 0;
    const skills: CandidateSkill[] = this.skillsOf(slot).map((packed) => ({
      code: this.skillCodes[packed >>> 2] ?? '',
      level: quantizeLevel((packed & 3) + 1),
    }));
    const domains = this.domainCodes.filter((_code, d) => this.hasDomain(slot, d));
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
