/**
 * Seeded synthetic data for tests and benchmarks: a taxonomy, France-like communes, postiers and
 * missions. Same seed, same data. Skills are clustered (a postier draws most of their skills from
 * one or two categories, popular skills more often), so posting lists are uneven as in real life.
 */

import type { CandidateProfile, MissionMode, MissionQuery, SkillLevel, Taxonomy } from './types';

export type Rng = () => number;

/** mulberry32: small, fast, good enough for test data. Returns floats in [0, 1). */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function randomInt(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  const x = items[Math.floor(rng() * items.length)];
  if (x === undefined) throw new RangeError('pick from an empty list');
  return x;
}

/** Index drawn with probability proportional to `weights` (cumulative sums, binary search). */
class WeightedPicker {
  private readonly cumulative: Float64Array;
  constructor(weights: readonly number[]) {
    this.cumulative = new Float64Array(weights.length);
    let sum = 0;
    weights.forEach((w, i) => {
      sum += w;
      this.cumulative[i] = sum;
    });
  }
  pick(rng: Rng): number {
    const total = this.cumulative[this.cumulative.length - 1] ?? 0;
    const x = rng() * total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.cumulative[mid] ?? 0) > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

function zipf(n: number, s: number): number[] {
  return Array.from({ length: n }, (_, i) => 1 / (i + 1) ** s);
}

export function syntheticUuid(rng: Rng): string {
  const hex = (bits: number) =>
    Math.floor(rng() * 2 ** bits)
      .toString(16)
      .padStart(bits / 4, '0');
  return `${hex(32)}-${hex(16)}-4${hex(12)}-${(8 + Math.floor(rng() * 4)).toString(16)}${hex(12)}-${hex(24)}${hex(24)}`;
}

export function syntheticTaxonomy(skillCount = 180, categoryCount = 14): Taxonomy {
  return {
    skills: Array.from({ length: skillCount }, (_, i) => ({
      code: `SK${String(i + 1).padStart(3, '0')}`,
      categoryCode: `CAT${String((i % categoryCount) + 1).padStart(2, '0')}`,
    })),
  };
}

export const SYNTHETIC_DOMAINS = [
  'lieux-partages',
  'services-domicile',
  'inclusion-bancaire',
  'achats-responsables',
  'inclusion-numerique',
  'economie-circulaire',
  'logistique-urbaine',
  'transition-energetique',
  'mobilite-solidaire',
  'alimentation',
  'emploi-insertion',
  'lien-social',
] as const;

export interface SyntheticCommune {
  code: string;
  departementCode: string;
  latitude: number;
  longitude: number;
  /** Relative population. */
  weight: number;
}

/**
 * Communes spread over ~95 metropolitan départements plus a few overseas ones, sized by a Zipf law
 * (exponent 0.8 by default: with 3,000 communes the largest holds ~5% of the weight, a little more
 * than Paris among the French communes of 1,000 inhabitants or more).
 */
export function syntheticCommunes(count: number, seed: number, zipfExponent = 0.8): SyntheticCommune[] {
  const rng = mulberry32(seed);
  const depts: { code: string; lat: number; lon: number }[] = [];
  for (let d = 1; d <= 95; d++) {
    depts.push({
      code: String(d).padStart(2, '0'),
      lat: 43 + rng() * 7.5,
      lon: -4.3 + rng() * 11.8,
    });
  }
  const overseas = [
    { code: '971', lat: 16.25, lon: -61.55 },
    { code: '972', lat: 14.64, lon: -61.02 },
    { code: '973', lat: 4.93, lon: -52.33 },
    { code: '974', lat: -21.11, lon: 55.53 },
    { code: '976', lat: -12.78, lon: 45.23 },
  ];
  const weights = zipf(count, zipfExponent);
  const out: SyntheticCommune[] = [];
  for (let i = 0; i < count; i++) {
    const dept = rng() < 0.03 ? pick(rng, overseas) : pick(rng, depts);
    out.push({
      code: `${dept.code}${String(i).padStart(3, '0')}`,
      departementCode: dept.code,
      latitude: dept.lat + (rng() - 0.5) * 0.8,
      longitude: dept.lon + (rng() - 0.5) * 1.1,
      weight: weights[(i * 7919) % count] ?? 1,
    });
  }
  return out;
}

interface CategoryTable {
  categories: string[];
  categoryPicker: WeightedPicker;
  skillsByCategory: Map<string, { codes: string[]; picker: WeightedPicker }>;
  allCodes: string[];
}

function categoryTable(taxonomy: Taxonomy): CategoryTable {
  const byCat = new Map<string, string[]>();
  for (const s of taxonomy.skills) {
    const list = byCat.get(s.categoryCode);
    if (list === undefined) byCat.set(s.categoryCode, [s.code]);
    else list.push(s.code);
  }
  const categories = [...byCat.keys()];
  const skillsByCategory = new Map<string, { codes: string[]; picker: WeightedPicker }>();
  for (const [c, codes] of byCat)
    skillsByCategory.set(c, { codes, picker: new WeightedPicker(zipf(codes.length, 0.8)) });
  return {
    categories,
    categoryPicker: new WeightedPicker(zipf(categories.length, 0.7)),
    skillsByCategory,
    allCodes: taxonomy.skills.map((s) => s.code),
  };
}

function skillFrom(rng: Rng, t: CategoryTable, category: string): string {
  const c = t.skillsByCategory.get(category);
  if (c === undefined) return pick(rng, t.allCodes);
  return c.codes[c.picker.pick(rng)] ?? pick(rng, t.allCodes);
}

function level(rng: Rng): SkillLevel {
  const x = rng();
  return x < 0.2 ? 1 : x < 0.55 ? 2 : x < 0.85 ? 3 : 4;
}

const DAY_MS = 86_400_000;
const LEVELS: readonly SkillLevel[] = [1, 2, 3, 4];
/** 2025-01-15T00:00:00Z, the default "now" of the synthetic world. */
export const SYNTHETIC_NOW = Date.UTC(2025, 0, 15);

function iso(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export interface CandidateOptions {
  communes: readonly SyntheticCommune[];
  taxonomy: Taxonomy;
  now?: number;
}

export function generateCandidates(n: number, seed: number, options: CandidateOptions): CandidateProfile[] {
  const rng = mulberry32(seed);
  const now = options.now ?? SYNTHETIC_NOW;
  const t = categoryTable(options.taxonomy);
  const communePicker = new WeightedPicker(options.communes.map((c) => c.weight));
  const radii = [0, 5, 10, 15, 20, 30, 50, 80, 100, 150, 300, 800];
  const radiusPicker = new WeightedPicker([1, 8, 14, 12, 16, 14, 12, 6, 5, 2, 1, 0.3]);
  const out: CandidateProfile[] = [];
  for (let i = 0; i < n; i++) {
    const commune = options.communes[communePicker.pick(rng)];
    if (commune === undefined) throw new RangeError('no communes');
    const primary = t.categories[t.categoryPicker.pick(rng)] ?? '';
    const secondary = t.categories[t.categoryPicker.pick(rng)] ?? '';
    const skillCount = randomInt(rng, 3, 9);
    const skills = new Map<string, SkillLevel>();
    for (let k = 0; k < skillCount; k++) {
      const x = rng();
      const code =
        x < 0.6
          ? skillFrom(rng, t, primary)
          : x < 0.85
            ? skillFrom(rng, t, secondary)
            : pick(rng, t.allCodes);
      skills.set(code, level(rng));
    }
    const domains: string[] = [];
    const domainCount = randomInt(rng, 0, 3);
    for (let k = 0; k < domainCount; k++) {
      const d = pick(rng, SYNTHETIC_DOMAINS);
      if (!domains.includes(d)) domains.push(d);
    }
    const bounded = rng() < 0.4;
    const fromMs = now + Math.floor((rng() - 0.3) * 200) * DAY_MS;
    const noCoords = rng() < 0.03;
    const solicited = rng() < 0.35;
    out.push({
      id: syntheticUuid(rng),
      active: rng() < 0.97,
      optedIn: rng() < 0.75,
      skills: [...skills].map(([code, lvl]) => ({ code, level: lvl })),
      latitude: noCoords ? null : commune.latitude,
      longitude: noCoords ? null : commune.longitude,
      departementCode: commune.departementCode,
      mobilityRadiusKm: radii[radiusPicker.pick(rng)] ?? 20,
      remoteOk: rng() < 0.45,
      availableFrom: bounded ? iso(fromMs) : null,
      availableTo: bounded ? iso(fromMs + randomInt(rng, 20, 300) * DAY_MS) : null,
      domains,
      remainingQuotaHours: rng() < 0.05 ? 0 : Math.round(rng() * 700) / 10,
      solicitationsLast30Days: solicited ? randomInt(rng, 1, 6) : 0,
      lastSolicitedAt: solicited
        ? now - randomInt(rng, 0, 60) * DAY_MS - randomInt(rng, 0, 86_399) * 1000
        : null,
    });
  }
  return out;
}

export interface MissionOptions {
  communes: readonly SyntheticCommune[];
  taxonomy: Taxonomy;
  now?: number;
  /** Ids some missions mark as already applied. */
  candidateIds?: readonly string[];
  modes?: readonly MissionMode[];
}

export function generateMissions(n: number, seed: number, options: MissionOptions): MissionQuery[] {
  const rng = mulberry32(seed);
  const now = options.now ?? SYNTHETIC_NOW;
  const t = categoryTable(options.taxonomy);
  const communePicker = new WeightedPicker(options.communes.map((c) => c.weight));
  const modes = options.modes ?? ['onsite', 'onsite', 'onsite', 'hybrid', 'remote'];
  const out: MissionQuery[] = [];
  for (let i = 0; i < n; i++) {
    const mode = pick(rng, modes);
    const commune = options.communes[communePicker.pick(rng)];
    if (commune === undefined) throw new RangeError('no communes');
    const category = t.categories[t.categoryPicker.pick(rng)] ?? '';
    const skillCount = randomInt(rng, 1, 5);
    const skills = new Map<string, { level: SkillLevel; required: boolean }>();
    for (let k = 0; k < skillCount; k++) {
      const code = rng() < 0.8 ? skillFrom(rng, t, category) : pick(rng, t.allCodes);
      skills.set(code, { level: pick(rng, LEVELS), required: k < 2 || rng() < 0.3 });
    }
    const startMs = now + randomInt(rng, 0, 120) * DAY_MS;
    const excluded: string[] = [];
    const ids = options.candidateIds ?? [];
    if (ids.length > 0) {
      const m = randomInt(rng, 0, 5);
      for (let k = 0; k < m; k++) excluded.push(pick(rng, ids));
    }
    out.push({
      id: syntheticUuid(rng),
      skills: [...skills].map(([code, s]) => ({ code, ...s })),
      mode,
      latitude: mode === 'remote' ? null : commune.latitude,
      longitude: mode === 'remote' ? null : commune.longitude,
      departementCode: mode === 'remote' ? null : commune.departementCode,
      startDate: iso(startMs),
      endDate: iso(startMs + randomInt(rng, 1, 180) * DAY_MS),
      domainCode: rng() < 0.9 ? pick(rng, SYNTHETIC_DOMAINS) : null,
      hoursTotal: randomInt(rng, 4, 80),
      excludedCandidateIds: excluded,
    });
  }
  return out;
}
