import { describe, expect, it } from 'vitest';
import { mission, NOW, profile, taxonomy } from './fixtures.test-helpers';
import { MatchingIndex, rankByScan } from './index';
import {
  generateCandidates,
  generateMissions,
  mulberry32,
  randomInt,
  SYNTHETIC_NOW,
  syntheticCommunes,
  syntheticTaxonomy,
} from './synthetic';
import type { CandidateProfile, MissionQuery } from './types';

const tax = syntheticTaxonomy(180, 14);
const communes = syntheticCommunes(300, 7);

function world(n: number, seed: number) {
  const profiles = generateCandidates(n, seed, { communes, taxonomy: tax });
  const missions = [
    ...generateMissions(20, seed + 1, { communes, taxonomy: tax, candidateIds: profiles.map((p) => p.id) }),
    ...generateMissions(6, seed + 2, { communes, taxonomy: tax, modes: ['remote', 'hybrid'] }),
  ];
  return { profiles, missions };
}

function expectSameAsScan(index: MatchingIndex, profiles: CandidateProfile[], m: MissionQuery, topK: number) {
  const opts = { topK, now: SYNTHETIC_NOW };
  expect(index.rank(m, opts)).toEqual(rankByScan(tax, profiles, m, opts));
}

describe('MatchingIndex against the reference scan', () => {
  const { profiles, missions } = world(2000, 42);
  const index = new MatchingIndex(tax, profiles);

  it('gives identical rankings (scores and reasons) on 2,000 random profiles and 26 missions', () => {
    expect(index.size).toBe(2000);
    let nonEmpty = 0;
    for (const m of missions) {
      const viaIndex = index.rank(m, { topK: 50, now: SYNTHETIC_NOW });
      expect(viaIndex).toEqual(rankByScan(tax, profiles, m, { topK: 50, now: SYNTHETIC_NOW }));
      if (viaIndex.length > 0) nonEmpty++;
    }
    expect(nonEmpty).toBeGreaterThan(15);
  });

  it('prunes: scores a few records per ranking, not every postier', () => {
    // Counts, unlike timings, do not depend on the machine: about 60 records per ranking of 50 here.
    let scored = 0;
    for (const m of missions) {
      index.rank(m, { topK: 50, now: SYNTHETIC_NOW });
      expect(index.lastRankStats.evaluated, m.id).toBeLessThan(index.size / 4);
      scored += index.lastRankStats.evaluated;
    }
    expect(scored).toBeLessThan((missions.length * index.size) / 10);
  });

  it('whichever candidate generation runs (skills walk, local walk)', () => {
    for (const m of missions) {
      const expected = rankByScan(tax, profiles, m, { topK: 20, now: SYNTHETIC_NOW });
      for (const strategy of ['skills', 'local', 'auto'] as const) {
        expect(index.rank(m, { topK: 20, now: SYNTHETIC_NOW, strategy })).toEqual(expected);
      }
    }
  });

  it('also for small and unbounded k (every eligible candidate)', () => {
    for (const m of missions) {
      expectSameAsScan(index, profiles, m, 1);
      expectSameAsScan(index, profiles, m, 5000);
    }
  });

  it('returns the stored profile, quantized', () => {
    const p = profiles[3] as CandidateProfile;
    const stored = index.get(p.id);
    expect(stored?.id).toBe(p.id);
    expect(stored?.latitude).toBe(p.latitude === null ? null : Math.fround(p.latitude));
    expect(stored?.skills.map((s) => s.code).sort()).toEqual(p.skills.map((s) => s.code).sort());
    expect(stored?.domains.sort()).toEqual([...p.domains].sort());
    expect(stored?.availableFrom).toBe(p.availableFrom);
  });

  it('reports its memory', () => {
    expect(index.memoryBytes()).toBeGreaterThan(2000 * 20);
    expect(index.memoryBytes()).toBeLessThan(10_000_000);
  });
});

describe('MatchingIndex updates', () => {
  it('upsert changes the ranking, in place', () => {
    const { profiles, missions } = world(500, 9);
    const index = new MatchingIndex(tax, profiles);
    const m = missions.find((x) => x.mode === 'remote') ?? (missions[0] as MissionQuery);
    const before = index.rank(m, { topK: 10, now: SYNTHETIC_NOW });
    const last = before[before.length - 1];
    expect(last).toBeDefined();
    if (last === undefined) return;
    // Give the last one every mission skill at level 4, the domain, and never solicited.
    const target = profiles.find((p) => p.id === last.candidateId) as CandidateProfile;
    const boosted: CandidateProfile = {
      ...target,
      skills: m.skills.map((s) => ({ code: s.code, level: 4 })),
      domains: m.domainCode === null ? [] : [m.domainCode],
      solicitationsLast30Days: 0,
      lastSolicitedAt: null,
      remoteOk: true,
      mobilityRadiusKm: 20_000,
    };
    index.upsert(boosted);
    expect(index.size).toBe(500);
    const after = index.rank(m, { topK: 10, now: SYNTHETIC_NOW });
    expect(after[0]?.candidateId).toBe(boosted.id);
    const updated = profiles.map((p) => (p.id === boosted.id ? boosted : p));
    expectSameAsScan(index, updated, m, 10);
    // Opting out takes them off at once.
    index.upsert({ ...boosted, optedIn: false });
    expect(index.rank(m, { topK: 500, now: SYNTHETIC_NOW }).map((c) => c.candidateId)).not.toContain(
      boosted.id,
    );
  });

  it('remove works, and a new postier reuses the slot', () => {
    const profiles = [
      profile('a', { skills: [{ code: 'fin.compta', level: 3 }] }),
      profile('b', { skills: [{ code: 'fin.compta', level: 2 }] }),
    ];
    const index = new MatchingIndex(taxonomy, profiles);
    const m = mission();
    expect(index.rank(m, { now: NOW }).map((c) => c.candidateId)).toEqual(['a', 'b']);
    expect(index.remove('a')).toBe(true);
    expect(index.remove('a')).toBe(false);
    expect(index.size).toBe(1);
    expect(index.has('a')).toBe(false);
    expect(index.rank(m, { now: NOW }).map((c) => c.candidateId)).toEqual(['b']);
    const bytes = index.memoryBytes();
    index.upsert(
      profile('c', {
        skills: [
          { code: 'fin.paie', level: 3 },
          { code: 'fin.compta', level: 3 },
        ],
      }),
    );
    expect(index.memoryBytes()).toBeGreaterThanOrEqual(bytes - 200);
    expect(index.rank(m, { now: NOW }).map((c) => c.candidateId)).toEqual(['c', 'b']);
  });

  it('stays identical to the scan through random churn (moves, skill changes, removals, additions)', () => {
    const { profiles, missions } = world(1500, 123);
    const index = new MatchingIndex(tax, profiles);
    const live = new Map(profiles.map((p) => [p.id, p]));
    const fresh = generateCandidates(2000, 999, { communes, taxonomy: tax });
    const rng = mulberry32(5);
    let f = 0;
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 400; i++) {
        const keys = [...live.keys()];
        const id = keys[randomInt(rng, 0, keys.length - 1)] ?? '';
        const x = rng();
        if (x < 0.25) {
          index.remove(id);
          live.delete(id);
        } else if (x < 0.5) {
          const p = fresh[f++ % fresh.length] as CandidateProfile;
          index.upsert(p);
          live.set(p.id, p);
        } else {
          // Same id, another postier's data: new place, skills, radius, flags.
          const donor = fresh[randomInt(rng, 0, fresh.length - 1)] as CandidateProfile;
          const p = { ...donor, id, skills: donor.skills.slice(0, randomInt(rng, 0, donor.skills.length)) };
          index.upsert(p);
          live.set(id, p);
        }
      }
      expect(index.size).toBe(live.size);
      for (const m of missions.slice(round * 6, round * 6 + 6))
        expectSameAsScan(index, [...live.values()], m, 30);
    }
  });
});

describe('MatchingIndex storage edge cases', () => {
  const many = syntheticTaxonomy(60, 4);
  const codes = many.skills.map((s) => s.code);
  const domains = Array.from({ length: 40 }, (_, i) => `dom-${i}`);

  function people(seed: number, n: number): CandidateProfile[] {
    const rng = mulberry32(seed);
    return Array.from({ length: n }, (_, i) => {
      const skillCount = randomInt(rng, 0, 30);
      const skills = Array.from({ length: skillCount }, () => ({
        code: codes[randomInt(rng, 0, codes.length - 1)] ?? 'SK001',
        level: ([1, 2, 3, 4] as const)[randomInt(rng, 0, 3)] ?? 1,
      }));
      // Mixed id styles: uuids, upper-case uuids (kept as strings) and plain strings.
      const hex = (k: number) =>
        Array.from({ length: k }, () => '0123456789abcdef'[randomInt(rng, 0, 15)] ?? '0').join('');
      const uuid = `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
      const id = i % 3 === 0 ? uuid : i % 3 === 1 ? uuid.toUpperCase() : `p-${i}`;
      return profile(id, {
        skills,
        latitude: 45 + rng(),
        longitude: 4 + rng(),
        departementCode: rng() < 0.5 ? '69' : '42',
        mobilityRadiusKm: randomInt(rng, 0, 120),
        remoteOk: rng() < 0.5,
        domains: domains.filter(() => rng() < 0.1),
        solicitationsLast30Days: randomInt(rng, 0, 400),
        lastSolicitedAt: rng() < 0.5 ? null : NOW - randomInt(rng, 0, 60 * 86_400_000),
      });
    });
  }

  it('handles more than 14 skills, more than 32 domains, and mixed id styles', () => {
    const profiles = people(77, 600);
    const index = new MatchingIndex(many, profiles);
    const rng = mulberry32(78);
    for (let k = 0; k < 30; k++) {
      const m = mission({
        id: `m${k}`,
        mode: (['onsite', 'hybrid', 'remote'] as const)[k % 3] ?? 'onsite',
        latitude: 45.5,
        longitude: 4.5,
        departementCode: '69',
        domainCode: domains[randomInt(rng, 0, domains.length - 1)] ?? null,
        skills: Array.from({ length: randomInt(rng, 1, 6) }, (_, j) => ({
          code: codes[randomInt(rng, 0, codes.length - 1)] ?? 'SK001',
          level: ([1, 2, 3, 4] as const)[randomInt(rng, 0, 3)] ?? 1,
          required: j < 2,
        })),
      });
      const expected = rankByScan(many, profiles, m, { topK: 25, now: NOW });
      for (const strategy of ['auto', 'skills', 'local'] as const) {
        expect(index.rank(m, { topK: 25, now: NOW, strategy })).toEqual(expected);
      }
    }
    const withMany = profiles.find((p) => new Set(p.skills.map((s) => s.code)).size > 14);
    expect(withMany).toBeDefined();
    if (withMany !== undefined) {
      expect(index.get(withMany.id)?.skills.length).toBe(new Set(withMany.skills.map((s) => s.code)).size);
    }
  });

  it('keeps overflowed skills right through upserts that grow and shrink them', () => {
    const profiles = people(91, 300);
    const index = new MatchingIndex(many, profiles);
    const rng = mulberry32(92);
    const live = new Map(profiles.map((p) => [p.id, p]));
    const donors = people(93, 300);
    for (let i = 0; i < 1500; i++) {
      const target = profiles[randomInt(rng, 0, profiles.length - 1)] as CandidateProfile;
      const donor = donors[randomInt(rng, 0, donors.length - 1)] as CandidateProfile;
      const next = { ...donor, id: target.id };
      index.upsert(next);
      live.set(target.id, next);
    }
    for (const p of live.values()) {
      expect(index.get(p.id)?.skills.length).toBe(new Set(p.skills.map((s) => s.code)).size);
    }
    const m = mission({ skills: [{ code: codes[3] ?? 'SK004', level: 2, required: true }], mode: 'remote' });
    expect(index.rank(m, { topK: 40, now: NOW })).toEqual(
      rankByScan(many, [...live.values()], m, { topK: 40, now: NOW }),
    );
  });
});
