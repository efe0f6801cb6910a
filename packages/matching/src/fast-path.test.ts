/**
 * Property-style check of the pruned walks: on random worlds, `MatchingIndex.rank` (every strategy,
 * several k) returns exactly what the brute-force `rankByScan` returns (ids, scores, order, reasons),
 * also after in-place upserts and removals. The worlds aim at the edges of the bounds the walks
 * prune on: more categories than category-mask bits and more skills per category than signature
 * positions (collisions), skills outside the taxonomy, more domains than the hint holds,
 * coordinates near the poles and across the antimeridian, radius 0 and huge, availability dates
 * outside the clamped day range, exhausted or unlimited quota, non-uuid ids, missions without
 * coordinates, ties.
 */
import { describe, expect, it } from 'vitest';
import {
  mission as fixtureMission,
  profile as fixtureProfile,
  PLACES,
  taxonomy,
} from './fixtures.test-helpers';
import { MatchingIndex, rankByScan } from './index';
import { EARTH_RADIUS_KM } from './scoring';
import { mulberry32, type Rng, randomInt, syntheticUuid } from './synthetic';
import type {
  CandidateProfile,
  MissionMode,
  MissionQuery,
  MissionSkill,
  SkillLevel,
  Taxonomy,
} from './types';

const NOW = Date.UTC(2025, 5, 1);
const DAY = 86_400_000;
const LEVELS: readonly SkillLevel[] = [1, 2, 3, 4];
const MODES: readonly MissionMode[] = ['onsite', 'hybrid', 'remote'];

function pick<T>(rng: Rng, items: readonly T[]): T {
  const x = items[Math.floor(rng() * items.length)];
  if (x === undefined) throw new RangeError('empty');
  return x;
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

interface World {
  taxonomy: Taxonomy;
  /** Taxonomy codes plus a few codes outside it. */
  codes: string[];
  domains: string[];
  places: { latitude: number; longitude: number; departementCode: string }[];
}

function world(rng: Rng): World {
  const categories = randomInt(rng, 1, 20);
  const skills: { code: string; categoryCode: string }[] = [];
  for (let c = 0; c < categories; c++) {
    // Up to 20 skills in a category: beyond 16, signature positions collide.
    const size = rng() < 0.2 ? randomInt(rng, 17, 20) : randomInt(rng, 1, 8);
    for (let s = 0; s < size; s++) skills.push({ code: `c${c}s${s}`, categoryCode: `cat${c}` });
  }
  const codes = [...skills.map((s) => s.code), 'loose-a', 'loose-b', 'loose-c'];
  const domains = Array.from({ length: rng() < 0.3 ? 40 : 12 }, (_, i) => `dom${i}`);
  const places = [
    { latitude: 48.85, longitude: 2.35, departementCode: '75' },
    { latitude: 48.8, longitude: 2.13, departementCode: '78' },
    { latitude: 45.76, longitude: 4.84, departementCode: '69' },
    { latitude: 43.3, longitude: 5.37, departementCode: '13' },
    { latitude: -21.1, longitude: 55.5, departementCode: '974' },
    { latitude: 64.9, longitude: 179.9, departementCode: 'ne' },
    { latitude: 65.1, longitude: -179.8, departementCode: 'nw' },
    { latitude: 89.7, longitude: 10, departementCode: 'np' },
  ];
  return { taxonomy: { skills }, codes, domains, places };
}

function profile(rng: Rng, w: World, id: string): CandidateProfile {
  const place = pick(rng, w.places);
  const located = rng() < 0.9;
  const jitter = () => (rng() - 0.5) * (rng() < 0.7 ? 0.3 : 3);
  const skills = Array.from({ length: randomInt(rng, 0, 9) }, () => ({
    code: pick(rng, w.codes),
    level: pick(rng, LEVELS),
  }));
  const window = rng();
  const from = NOW + randomInt(rng, -200, 200) * DAY;
  const solicited = rng() < 0.4;
  return {
    id,
    active: rng() < 0.95,
    optedIn: rng() < 0.9,
    skills,
    latitude: located ? Math.max(-90, Math.min(90, place.latitude + jitter())) : null,
    longitude: located ? ((place.longitude + jitter() + 540) % 360) - 180 : null,
    departementCode: rng() < 0.95 ? place.departementCode : null,
    mobilityRadiusKm: pick(rng, [0, 1, 5, 12, 20, 35, 80, 150, 300, 800, 20_000]),
    remoteOk: rng() < 0.5,
    availableFrom: window < 0.4 ? null : window < 0.45 ? '1960-03-01' : isoDay(from),
    availableTo:
      window < 0.4 ? null : window < 0.5 ? '2200-01-01' : isoDay(from + randomInt(rng, 0, 200) * DAY),
    domains: w.domains.filter(() => rng() < 0.12),
    remainingQuotaHours: pick(rng, [0, 0.5, 7, 35, 70, Number.POSITIVE_INFINITY, Number.NaN]),
    solicitationsLast30Days: rng() < 0.6 ? 0 : randomInt(rng, 1, 300),
    lastSolicitedAt: solicited ? NOW - randomInt(rng, -2, 60) * DAY - randomInt(rng, 0, 86_399_999) : null,
  };
}

function mission(rng: Rng, w: World, ids: readonly string[], k: number): MissionQuery {
  const mode = pick(rng, MODES);
  const place = pick(rng, w.places);
  const located = mode !== 'remote' && rng() < 0.9;
  // Mostly one category, as real missions: several of its skills, sometimes another one.
  const main = pick(rng, w.taxonomy.skills).categoryCode;
  const inMain = w.taxonomy.skills.filter((s) => s.categoryCode === main).map((s) => s.code);
  const skills: MissionSkill[] = Array.from({ length: randomInt(rng, 1, 6) }, (_, j) => ({
    code: rng() < 0.75 ? pick(rng, inMain) : pick(rng, w.codes),
    level: pick(rng, LEVELS),
    required: j < 2 || rng() < 0.3,
  }));
  const start = NOW + randomInt(rng, -30, 120) * DAY;
  return {
    id: `m${k}`,
    skills,
    mode,
    latitude: located ? place.latitude + (rng() - 0.5) * 0.2 : null,
    longitude: located ? place.longitude + (rng() - 0.5) * 0.2 : null,
    departementCode: rng() < 0.9 ? place.departementCode : null,
    startDate: isoDay(start),
    endDate: isoDay(start + randomInt(rng, 0, 150) * DAY),
    domainCode: rng() < 0.85 ? pick(rng, w.domains) : null,
    hoursTotal: randomInt(rng, 1, 80),
    excludedCandidateIds: ids.filter(() => rng() < 0.02),
  };
}

function expectSameAsScan(
  index: MatchingIndex,
  w: World,
  live: ReadonlyMap<string, CandidateProfile>,
  missions: readonly MissionQuery[],
): number {
  let nonEmpty = 0;
  const profiles = [...live.values()];
  for (const m of missions) {
    for (const topK of [1, 7, 50, 2000]) {
      const expected = rankByScan(w.taxonomy, profiles, m, { topK, now: NOW });
      if (expected.length > 0) nonEmpty++;
      for (const strategy of ['auto', 'skills', 'local'] as const) {
        const got = index.rank(m, { topK, now: NOW, strategy });
        expect(got, `${m.id} ${m.mode} k=${topK} ${strategy}`).toEqual(expected);
      }
    }
  }
  return nonEmpty;
}

describe('MatchingIndex fast path against the brute-force scan', () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`random world ${seed}: same top-k, then the same after in-place updates`, () => {
      const rng = mulberry32(seed * 7919);
      const w = world(rng);
      const live = new Map<string, CandidateProfile>();
      for (let i = 0; i < randomInt(rng, 300, 700); i++) {
        const id = rng() < 0.9 ? syntheticUuid(rng) : `p-${i}`;
        live.set(id, profile(rng, w, id));
      }
      const index = new MatchingIndex(w.taxonomy, live.values());
      const ids = () => [...live.keys()];
      const missions = Array.from({ length: 12 }, (_, k) => mission(rng, w, ids(), k));
      let nonEmpty = expectSameAsScan(index, w, live, missions);

      for (let round = 0; round < 3; round++) {
        for (let u = 0; u < 150; u++) {
          const keys = ids();
          const id = keys[randomInt(rng, 0, keys.length - 1)] ?? '';
          const x = rng();
          if (x < 0.15) {
            index.remove(id);
            live.delete(id);
          } else if (x < 0.3) {
            const fresh = syntheticUuid(rng);
            const p = profile(rng, w, fresh);
            index.upsert(p);
            live.set(fresh, p);
          } else {
            // Same postier, changed in place: skills, place, window, flags, domains, quota.
            const p = profile(rng, w, id);
            index.upsert(p);
            live.set(id, p);
          }
        }
        expect(index.size).toBe(live.size);
        const again = Array.from({ length: 6 }, (_, k) => mission(rng, w, ids(), 100 * (round + 1) + k));
        nonEmpty += expectSameAsScan(index, w, live, again);
      }
      // The worlds must produce real rankings, not only empty ones.
      expect(nonEmpty).toBeGreaterThan(20);
    });
  }

  it('ties broken by id when many postiers score the same', () => {
    const rng = mulberry32(42);
    const w = world(rng);
    const code = w.taxonomy.skills[0]?.code ?? 'loose-a';
    const live = new Map<string, CandidateProfile>();
    for (let i = 0; i < 400; i++) {
      const id = syntheticUuid(rng);
      live.set(id, {
        id,
        active: true,
        optedIn: true,
        skills: [{ code, level: 4 }],
        latitude: null,
        longitude: null,
        departementCode: null,
        mobilityRadiusKm: 10,
        remoteOk: true,
        availableFrom: null,
        availableTo: null,
        domains: i % 3 === 0 ? ['dom1'] : [],
        remainingQuotaHours: 10,
        solicitationsLast30Days: 0,
        lastSolicitedAt: null,
      });
    }
    const index = new MatchingIndex(w.taxonomy, live.values());
    const m: MissionQuery = {
      id: 'tie',
      skills: [{ code, level: 2, required: true }],
      mode: 'remote',
      latitude: null,
      longitude: null,
      departementCode: null,
      startDate: isoDay(NOW),
      endDate: isoDay(NOW + 10 * DAY),
      domainCode: 'dom1',
      hoursTotal: 5,
      excludedCandidateIds: [],
    };
    // Every k finds postiers: the comparison is not between two empty answers.
    expect(expectSameAsScan(index, w, live, [m])).toBe(4);
  });

  it('counts a held skill of another category at full credit, also when MaxScore stops early', () => {
    // Twenty postiers at 0.88 (both finance skills, the domain); one at 0.9 (also the writing
    // skill, not the domain). Bounding the latter's writing skill by the sibling credit only (0.81)
    // would prune them in the first list, and MaxScore would then skip the other two.
    const fin = [
      { code: 'fin.compta', level: 4 as const },
      { code: 'fin.paie', level: 4 as const },
    ];
    const profiles = [
      ...Array.from({ length: 20 }, (_, i) =>
        fixtureProfile(`a${String(i).padStart(2, '0')}`, { skills: fin, domains: ['d'] }),
      ),
      fixtureProfile('z-special', { skills: [...fin, { code: 'com.redaction', level: 4 }] }),
    ];
    const m = fixtureMission({
      mode: 'remote',
      domainCode: 'd',
      skills: [
        { code: 'fin.compta', level: 1, required: true },
        { code: 'fin.paie', level: 1, required: true },
        { code: 'com.redaction', level: 1, required: false },
      ],
    });
    const index = new MatchingIndex(taxonomy, profiles);
    for (const strategy of ['auto', 'skills'] as const) {
      const got = index.rank(m, { topK: 1, now: NOW, strategy });
      expect(got.map((r) => [r.candidateId, r.score])).toEqual([['z-special', 0.9]]);
      expect(got).toEqual(rankByScan(taxonomy, profiles, m, { topK: 1, now: NOW }));
    }
  });

  it('finds holders of sibling skills only at the edge of the geography they need', () => {
    // After the mission skill's list the heap holds two postiers at 1.0 and two at 0.46. A holder
    // of a sibling skill only needs geography 0.55 to pass 0.46: 17.6 km away with a 20 km radius
    // (0.56, score 0.462), or without coordinates in the mission's département (0.75, score 0.5).
    // Far holders of the siblings make the siblings' lists longer than the circle around the
    // mission, which is placed so that a cell of the 20 km grid tier starts between 13.5 and 18 km
    // north of it: a circle smaller than the needed 18 km would miss the edge postier's cell.
    const here = { latitude: 48.96, longitude: 2.3522, departementCode: '75' };
    const kmNorth = (km: number) => here.latitude + km / ((EARTH_RADIUS_KM * Math.PI) / 180);
    const d = { ...here, domains: ['d'] };
    const profiles = [
      fixtureProfile('e1', { ...d, skills: [{ code: 'fin.compta', level: 4 }] }),
      fixtureProfile('e2', { ...d, skills: [{ code: 'fin.compta', level: 4 }] }),
      fixtureProfile('e3', { ...d, skills: [{ code: 'fin.compta', level: 1 }] }),
      fixtureProfile('e4', { ...d, skills: [{ code: 'fin.compta', level: 1 }] }),
      fixtureProfile('s-edge', {
        ...d,
        skills: [{ code: 'fin.paie', level: 4 }],
        latitude: kmNorth(17.6),
        mobilityRadiusKm: 20,
      }),
      fixtureProfile('s-coordless', {
        ...d,
        skills: [{ code: 'fin.paie', level: 4 }],
        latitude: null,
        longitude: null,
      }),
      ...Array.from({ length: 60 }, (_, i) =>
        fixtureProfile(`far${i}`, { ...d, ...PLACES.marseille, skills: [{ code: 'fin.fiscal', level: 4 }] }),
      ),
    ];
    const m = fixtureMission({
      ...here,
      domainCode: 'd',
      skills: [{ code: 'fin.compta', level: 4, required: true }],
    });
    const index = new MatchingIndex(taxonomy, profiles);
    const expected = rankByScan(taxonomy, profiles, m, { topK: 4, now: NOW });
    expect(expected.map((r) => [r.candidateId, r.score])).toEqual([
      ['e1', 1],
      ['e2', 1],
      ['s-coordless', 0.5],
      ['s-edge', 0.462],
    ]);
    for (const strategy of ['auto', 'skills', 'local'] as const) {
      expect(index.rank(m, { topK: 4, now: NOW, strategy })).toEqual(expected);
    }
  });
});
