import { describe, expect, it } from 'vitest';
import { mission, NOW, PLACES, profile, taxonomy } from './fixtures.test-helpers';
import { haversineKm, MatchingIndex, rankByScan, scoreCandidate } from './index';
import type { CandidateProfile, MissionQuery, RankedCandidate } from './types';

const ALL_FOUR = [
  { code: 'fin.compta', level: 3 },
  { code: 'fin.paie', level: 3 },
  { code: 'fin.fiscal', level: 2 },
  { code: 'com.redaction', level: 2 },
] as const;

/** Ranks with the index and with the scan, checks they agree, returns the index's answer. */
function rankBoth(profiles: CandidateProfile[], m: MissionQuery, topK = 50): RankedCandidate[] {
  const index = new MatchingIndex(taxonomy, profiles);
  const viaIndex = index.rank(m, { topK, now: NOW });
  expect(viaIndex).toEqual(rankByScan(taxonomy, profiles, m, { topK, now: NOW }));
  return viaIndex;
}

const ids = (r: RankedCandidate[]) => r.map((c) => c.candidateId);

describe('ranking: constructed cases', () => {
  it('ranks every required skill at level in the commune above half the skills', () => {
    const full = profile('b-full', { skills: [...ALL_FOUR] });
    const half = profile('a-half', { skills: ALL_FOUR.slice(0, 2).map((s) => ({ ...s })) });
    const r = rankBoth([half, full], mission());
    expect(ids(r)).toEqual(['b-full', 'a-half']);
    expect(r[0]?.score).toBeGreaterThan(r[1]?.score ?? 1);
    const reasons = r[0]?.reasons ?? [];
    expect(reasons.filter((x) => x.kind === 'skill_match')).toHaveLength(4);
    expect(reasons).toContainEqual(expect.objectContaining({ kind: 'distance', km: 0 }));
    // The half profile gets sibling credit for the other finance skill, nothing for the writing one.
    expect(r[1]?.reasons.map((x) => x.kind).slice(0, 4)).toEqual([
      'skill_match',
      'skill_match',
      'skill_sibling',
      'skill_missing',
    ]);
  });

  it('never lists anyone beyond their mobility radius for an onsite mission', () => {
    const skills = [...ALL_FOUR];
    const profiles = [
      profile('paris', { skills, mobilityRadiusKm: 5 }),
      profile('versailles-near', { ...PLACES.versailles, skills, mobilityRadiusKm: 20 }),
      profile('versailles-short', { ...PLACES.versailles, skills, mobilityRadiusKm: 10 }),
      profile('lyon', { ...PLACES.lyon, skills, mobilityRadiusKm: 300 }),
      profile('lyon-far', { ...PLACES.lyon, skills, mobilityRadiusKm: 500 }),
      profile('marseille', { ...PLACES.marseille, skills, mobilityRadiusKm: 150, remoteOk: true }),
    ];
    const r = rankBoth(profiles, mission());
    expect(ids(r).sort()).toEqual(['lyon-far', 'paris', 'versailles-near']);
    for (const c of r) {
      const p = profiles.find((x) => x.id === c.candidateId);
      const d = haversineKm(
        p?.latitude ?? 0,
        p?.longitude ?? 0,
        PLACES.paris.latitude,
        PLACES.paris.longitude,
      );
      expect(d).toBeLessThanOrEqual(p?.mobilityRadiusKm ?? 0);
    }
    expect(r[0]?.candidateId).toBe('paris');
  });

  it('falls back to the département when a coordinate is missing', () => {
    const skills = [...ALL_FOUR];
    const profiles = [
      profile('same-dept', { skills, latitude: null, longitude: null }),
      profile('other-dept', { skills, latitude: null, longitude: null, departementCode: '78' }),
      profile('no-location', { skills, latitude: null, longitude: null, departementCode: null }),
    ];
    const r = rankBoth(profiles, mission());
    expect(ids(r)).toEqual(['same-dept']);
    expect(r[0]?.reasons).toContainEqual(
      expect.objectContaining({ kind: 'same_departement', departementCode: '75' }),
    );
    // A mission without coordinates matches everyone on the département.
    const r2 = rankBoth(
      [...profiles, profile('with-coords', { skills })],
      mission({ latitude: null, longitude: null }),
    );
    expect(ids(r2).sort()).toEqual(['same-dept', 'with-coords']);
  });

  it('never lists opted-out, inactive, already-applied, over-quota or unavailable postiers', () => {
    const skills = [...ALL_FOUR];
    const profiles = [
      profile('ok', { skills: skills.slice(0, 1) }),
      profile('opted-out', { skills, optedIn: false }),
      profile('inactive', { skills, active: false }),
      profile('applied', { skills }),
      profile('no-quota', { skills, remainingQuotaHours: 0 }),
      profile('negative-quota', { skills, remainingQuotaHours: -3 }),
      profile('before', { skills, availableTo: '2025-03-09' }),
      profile('after', { skills, availableFrom: '2025-05-01' }),
      profile('window-ok', { skills, availableFrom: '2025-04-30', availableTo: '2025-12-31' }),
    ];
    const m = mission({ excludedCandidateIds: new Set(['applied']) });
    const r = rankBoth(profiles, m);
    expect(ids(r)).toEqual(['window-ok', 'ok']);
    const now = { now: NOW };
    expect(scoreCandidate(taxonomy, profiles[1] as CandidateProfile, m, now)).toMatchObject({
      exclusion: 'opted_out',
    });
    expect(scoreCandidate(taxonomy, profiles[2] as CandidateProfile, m, now)).toMatchObject({
      exclusion: 'inactive',
    });
    expect(scoreCandidate(taxonomy, profiles[3] as CandidateProfile, m, now)).toMatchObject({
      exclusion: 'already_applied',
    });
    expect(scoreCandidate(taxonomy, profiles[4] as CandidateProfile, m, now)).toMatchObject({
      exclusion: 'quota_exhausted',
    });
    expect(scoreCandidate(taxonomy, profiles[6] as CandidateProfile, m, now)).toMatchObject({
      exclusion: 'unavailable',
    });
    // Array form of excludedCandidateIds too.
    expect(ids(rankBoth(profiles, mission({ excludedCandidateIds: ['applied', 'ok'] })))).toEqual([
      'window-ok',
    ]);
  });

  it('says when the remaining quota is below the mission hours, without excluding', () => {
    const r = rankBoth([profile('low', { skills: [...ALL_FOUR], remainingQuotaHours: 6 })], mission());
    expect(r[0]?.reasons).toContainEqual({
      kind: 'quota_below_mission_hours',
      remainingHours: 6,
      missionHours: 20,
      weight: 0,
    });
  });

  it('ranks a remote mission by skills regardless of distance', () => {
    const profiles = [
      profile('a-paris-half', { skills: ALL_FOUR.slice(0, 2).map((s) => ({ ...s })) }),
      profile('b-marseille-full', { ...PLACES.marseille, skills: [...ALL_FOUR], mobilityRadiusKm: 0 }),
      profile('c-lyon-full', { ...PLACES.lyon, skills: [...ALL_FOUR] }),
      profile('d-nowhere-full', {
        latitude: null,
        longitude: null,
        departementCode: null,
        skills: [...ALL_FOUR],
      }),
    ];
    const m = mission({ mode: 'remote', latitude: null, longitude: null, departementCode: null });
    const r = rankBoth(profiles, m);
    expect(ids(r)).toEqual(['b-marseille-full', 'c-lyon-full', 'd-nowhere-full', 'a-paris-half']);
    expect(r[0]?.score).toBe(r[1]?.score);
    expect(r[1]?.score).toBe(r[2]?.score);
    expect(r[0]?.reasons).toContainEqual({ kind: 'remote', weight: 0.2 });
    // Coordinates on a remote mission change nothing.
    expect(rankBoth(profiles, mission({ mode: 'remote' }))).toEqual(r);
  });

  it('hybrid: within twice the radius, or anywhere when remote is ok', () => {
    const skills = [...ALL_FOUR];
    const profiles = [
      profile('versailles-r10', { ...PLACES.versailles, skills, mobilityRadiusKm: 10 }),
      profile('lyon-remote', { ...PLACES.lyon, skills, remoteOk: true }),
      profile('lyon-onsite-only', { ...PLACES.lyon, skills }),
    ];
    const r = rankBoth(profiles, mission({ mode: 'hybrid' }));
    expect(ids(r)).toEqual(['versailles-r10', 'lyon-remote']);
    expect(r[1]?.reasons).toContainEqual({ kind: 'remote', weight: 0.05 });
  });

  it('gives partial credit for a lower level and for a sibling skill', () => {
    const m = mission({ skills: [{ code: 'fin.compta', level: 3, required: true }] });
    const profiles = [
      profile('exact', { skills: [{ code: 'fin.compta', level: 4 }] }),
      profile('lower', { skills: [{ code: 'fin.compta', level: 2 }] }),
      profile('sibling', { skills: [{ code: 'fin.paie', level: 3 }] }),
      profile('unrelated', { skills: [{ code: 'dev.ts', level: 4 }] }),
    ];
    const r = rankBoth(profiles, m);
    expect(ids(r)).toEqual(['exact', 'lower', 'sibling']);
    expect(r[1]?.reasons[0]).toEqual({
      kind: 'skill_partial',
      skillCode: 'fin.compta',
      have: 2,
      want: 3,
      required: true,
      weight: 0.36,
    });
    expect(r[2]?.reasons[0]).toEqual({
      kind: 'skill_sibling',
      skillCode: 'fin.compta',
      viaSkillCode: 'fin.paie',
      have: 3,
      want: 3,
      required: true,
      weight: 0.15,
    });
    expect(scoreCandidate(taxonomy, profiles[3] as CandidateProfile, m, { now: NOW })).toMatchObject({
      eligible: false,
      exclusion: 'no_relevant_skill',
    });
  });

  it('weighs required skills more than optional ones', () => {
    const m = mission({
      skills: [
        { code: 'fin.compta', level: 2, required: true },
        { code: 'dev.sql', level: 2, required: false },
      ],
    });
    const r = rankBoth(
      [
        profile('a-optional', { skills: [{ code: 'dev.sql', level: 2 }] }),
        profile('b-required', { skills: [{ code: 'fin.compta', level: 2 }] }),
      ],
      m,
    );
    expect(ids(r)).toEqual(['b-required', 'a-optional']);
  });

  it('prefers the domain of interest and the less solicited', () => {
    const skills = [...ALL_FOUR];
    const r = rankBoth(
      [
        profile('a-solicited', { skills, solicitationsLast30Days: 4, lastSolicitedAt: NOW - 2 * 86_400_000 }),
        profile('b-plain', { skills }),
        profile('c-domain', { skills, domains: ['inclusion-bancaire'] }),
      ],
      mission(),
    );
    expect(ids(r)).toEqual(['c-domain', 'b-plain', 'a-solicited']);
    expect(r[0]?.reasons).toContainEqual({
      kind: 'domain_interest',
      domainCode: 'inclusion-bancaire',
      weight: 0.1,
    });
    expect(r[2]?.reasons).toContainEqual(
      expect.objectContaining({
        kind: 'recently_solicited',
        solicitationsLast30Days: 4,
        daysSinceLastSolicited: 2,
      }),
    );
  });

  it('is deterministic: same data, same ranking, ties broken by id', () => {
    const skills = [...ALL_FOUR];
    const profiles = ['p3', 'p1', 'p4', 'p2'].map((id) => profile(id, { skills }));
    const r1 = rankBoth(profiles, mission());
    const r2 = rankBoth([...profiles].reverse(), mission());
    expect(r1).toEqual(r2);
    expect(ids(r1)).toEqual(['p1', 'p2', 'p3', 'p4']);
    expect(new Set(r1.map((c) => c.score)).size).toBe(1);
    expect(ids(rankBoth(profiles, mission(), 2))).toEqual(['p1', 'p2']);
  });

  it('keeps scores in [0, 1] with 4 decimals, and reason weights adding up to the score', () => {
    const r = rankBoth(
      [
        profile('x', {
          skills: [
            { code: 'fin.compta', level: 1 },
            { code: 'fin.fiscal', level: 4 },
            { code: 'com.reseaux', level: 2 },
          ],
          ...PLACES.versailles,
          domains: ['inclusion-bancaire'],
          solicitationsLast30Days: 1,
          lastSolicitedAt: NOW - 10 * 86_400_000,
        }),
      ],
      mission(),
    );
    const c = r[0];
    expect(c).toBeDefined();
    if (c === undefined) return;
    expect(c.score).toBeGreaterThan(0);
    expect(c.score).toBeLessThanOrEqual(1);
    expect(Math.round(c.score * 10_000) / 10_000).toBe(c.score);
    const sum = c.reasons.reduce((s, x) => s + x.weight, 0);
    expect(Math.abs(sum - c.score)).toBeLessThan(0.001);
  });

  it('matches nobody for a mission without skills, and returns nothing for topK 0', () => {
    const profiles = [profile('a', { skills: [...ALL_FOUR] })];
    expect(rankBoth(profiles, mission({ skills: [] }))).toEqual([]);
    expect(rankBoth(profiles, mission(), 0)).toEqual([]);
  });

  it('rejects invalid dates', () => {
    expect(() => new MatchingIndex(taxonomy, [profile('a', { availableFrom: '2025-02-30' })])).toThrow(
      RangeError,
    );
    expect(() => new MatchingIndex(taxonomy).rank(mission({ startDate: 'soon' }), { now: NOW })).toThrow(
      RangeError,
    );
  });
});
