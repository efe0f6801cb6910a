import { isValidRna, isValidSiret, luhnValid } from '@passerelle/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DOMAINS_OF_ACTION,
  type Geography,
  loadGeography,
  loadSkillCategories,
  loadSkills,
  type Skill,
  type SkillCategory,
} from '../reference/index';
import { LABELLED_ASSOCIATIONS } from './associations-catalog';
import {
  DEMO_ACCOUNTS,
  type DemoData,
  type GenerateDemoOptions,
  generateDemoData,
  METROPOLITAN_REGION_CODES,
} from './generate';
import { MISSION_TEMPLATES } from './mission-templates';

const TODAY = '2026-03-15';
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const DAY = 86_400_000;

let geography: Geography;
let skills: Skill[];
let categories: SkillCategory[];
let data: DemoData;

function options(overrides: Partial<GenerateDemoOptions> = {}): GenerateDemoOptions {
  return { seed: 42, today: TODAY, geography, skills, categories, domains: DOMAINS_OF_ACTION, ...overrides };
}

function daysFromToday(date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${TODAY}T00:00:00Z`)) / DAY);
}

beforeAll(() => {
  geography = loadGeography();
  skills = loadSkills();
  categories = loadSkillCategories();
  data = generateDemoData(options());
});

describe('generateDemoData: determinism', () => {
  it('gives the same rows, ids included, for the same seed', () => {
    const a = generateDemoData(options({ postiers: 300, missions: 320 }));
    const b = generateDemoData(options({ postiers: 300, missions: 320 }));
    expect(a).toEqual(b);
  });

  it('gives other rows for another seed', () => {
    const a = generateDemoData(options({ postiers: 300 }));
    const b = generateDemoData(options({ seed: 43, postiers: 300 }));
    expect(b.users[1]?.id).not.toBe(a.users[1]?.id);
    expect(b.missions.map((m) => m.title)).not.toEqual(a.missions.map((m) => m.title));
    expect(b.postierProfiles.map((p) => p.communeCode)).not.toEqual(
      a.postierProfiles.map((p) => p.communeCode),
    );
  });

  it('keeps the associations and missions of a seed whatever the number of postiers', () => {
    const small = generateDemoData(options({ postiers: 10 }));
    expect(small.associations).toEqual(data.associations);
    expect(small.missions).toEqual(data.missions);
    expect(small.missionSkills).toEqual(data.missionSkills);
  });

  it('refuses a today that is not an ISO date', () => {
    expect(() => generateDemoData(options({ today: '15/03/2026' }))).toThrow(/ISO date/);
  });
});

describe('generateDemoData: default run', () => {
  it('has the expected volumes', () => {
    expect(data.postierProfiles).toHaveLength(5001);
    expect(data.associations.filter((a) => a.labelStatus === 'labelled').length).toBeGreaterThanOrEqual(40);
    expect(data.associations.filter((a) => a.labelStatus === 'pending')).toHaveLength(4);
    expect(data.missions).toHaveLength(320);
    expect(data.missions.filter((m) => m.status === 'published').length).toBeGreaterThanOrEqual(300);
    expect(data.missions.some((m) => m.status === 'draft')).toBe(true);
    expect(data.businessUnits.length).toBeGreaterThanOrEqual(10);
  });

  it('publishes missions in all thirteen metropolitan régions and at least eight domains', () => {
    const communes = new Map(geography.communes.map((c) => [c.code, c]));
    const associationCommune = new Map(data.associations.map((a) => [a.id, a.communeCode]));
    const regions = new Set<string>();
    const domains = new Set<string>();
    for (const m of data.missions.filter((x) => x.status === 'published')) {
      const code = m.communeCode ?? associationCommune.get(m.associationId);
      const region = code ? communes.get(code)?.regionCode : undefined;
      if (region) regions.add(region);
      domains.add(m.domainCode);
    }
    expect([...regions].sort()).toEqual([...METROPOLITAN_REGION_CODES].sort());
    expect(domains.size).toBeGreaterThanOrEqual(8);
  });

  it('gives associations valid identifiers, a commune, domains and one or two members', () => {
    const communes = new Set(geography.communes.map((c) => c.code));
    const domainCodes = new Set(DOMAINS_OF_ACTION.map((d) => d.code));
    for (const a of data.associations) {
      expect(a.rna !== null || a.siret !== null).toBe(true);
      if (a.rna !== null) expect(isValidRna(a.rna)).toBe(true);
      if (a.siret !== null) {
        expect(isValidSiret(a.siret)).toBe(true);
        // The SIREN (first nine digits) is Luhn-valid on its own too, as INSEE's are.
        expect(luhnValid(a.siret.slice(0, 9))).toBe(true);
      }
      expect(communes.has(a.communeCode)).toBe(true);
      const domains = data.associationDomains.filter((d) => d.associationId === a.id);
      expect(domains.length).toBeGreaterThanOrEqual(1);
      expect(domains.length).toBeLessThanOrEqual(3);
      for (const d of domains) expect(domainCodes.has(d.domainCode)).toBe(true);
      const members = data.associationMembers.filter((m) => m.associationId === a.id);
      expect(members.length).toBeGreaterThanOrEqual(1);
      expect(members.length).toBeLessThanOrEqual(2);
      expect(a.description.length).toBeGreaterThan(80);
    }
    const identifiers = data.associations.flatMap((a) => [a.rna, a.siret]).filter((x) => x !== null);
    expect(new Set(identifiers).size).toBe(identifiers.length);
  });

  it('resolves every catalogue commune by name, not by fallback', () => {
    const byCode = new Map(geography.communes.map((c) => [c.code, c]));
    data.associations.forEach((a, i) => {
      const spec = LABELLED_ASSOCIATIONS[i];
      if (!spec || a.labelStatus !== 'labelled') return;
      expect(byCode.get(a.communeCode)?.name, spec.name).toBe(spec.commune);
    });
  });

  it('writes missions that respect the schema and the brief', () => {
    const skillCodes = new Set(skills.map((s) => s.code));
    const communes = new Map(geography.communes.map((c) => [c.code, c]));
    const associations = new Map(data.associations.map((a) => [a.id, a]));
    const modes = { onsite: 0, hybrid: 0, remote: 0 };
    for (const m of data.missions) {
      expect(m.endDate >= m.startDate).toBe(true);
      expect(m.hoursTotal).toBeGreaterThanOrEqual(8);
      expect(m.hoursTotal).toBeLessThanOrEqual(120);
      expect(m.seats).toBeGreaterThanOrEqual(1);
      expect(m.seats).toBeLessThanOrEqual(4);
      const weeks = (daysFromToday(m.endDate) - daysFromToday(m.startDate) + 1) / 7;
      expect(weeks).toBeGreaterThanOrEqual(2);
      modes[m.mode]++;
      if (m.mode === 'remote') expect(m.communeCode).toBeNull();
      else {
        // Near the association: same département.
        const commune = m.communeCode ? communes.get(m.communeCode) : undefined;
        const home = communes.get(associations.get(m.associationId)?.communeCode ?? '');
        expect(commune?.departementCode).toBe(home?.departementCode);
      }
      const description = m.description.split(/(?<=[.!?])\s+/);
      expect(description.length).toBeGreaterThanOrEqual(2);
      expect(description.length).toBeLessThanOrEqual(4);
      const association = associations.get(m.associationId);
      if (m.status === 'published') {
        expect(association?.labelStatus).toBe('labelled');
        expect(daysFromToday(m.startDate)).toBeGreaterThanOrEqual(-30);
        expect(daysFromToday(m.startDate)).toBeLessThanOrEqual(90);
        expect(daysFromToday(m.endDate)).toBeGreaterThanOrEqual(0);
        const age = (Date.parse(`${TODAY}T00:00:00Z`) - (m.publishedAt?.getTime() ?? 0)) / DAY;
        expect(age).toBeGreaterThan(0);
        expect(age).toBeLessThanOrEqual(30);
      } else {
        expect(m.publishedAt).toBeNull();
      }
      const ms = data.missionSkills.filter((s) => s.missionId === m.id);
      expect(ms.length).toBeGreaterThanOrEqual(2);
      expect(ms.length).toBeLessThanOrEqual(5);
      expect(ms.some((s) => s.required)).toBe(true);
      for (const s of ms) {
        expect(skillCodes.has(s.skillCode)).toBe(true);
        expect(s.level).toBeGreaterThanOrEqual(1);
        expect(s.level).toBeLessThanOrEqual(4);
      }
      expect(new Set(ms.map((s) => s.skillCode)).size).toBe(ms.length);
    }
    // onsite 55 % / hybrid 25 % / remote 20 %, give or take.
    expect(modes.onsite / data.missions.length).toBeGreaterThan(0.45);
    expect(modes.hybrid / data.missions.length).toBeGreaterThan(0.15);
    expect(modes.remote / data.missions.length).toBeGreaterThan(0.12);
  });

  it('only uses skills of the taxonomy, in the templates too', () => {
    const skillCodes = new Set(skills.map((s) => s.code));
    for (const templates of Object.values(MISSION_TEMPLATES)) {
      for (const t of templates) {
        for (const entry of t.skills)
          for (const code of entry.split('|')) expect(skillCodes, code).toContain(code);
      }
    }
    for (const s of data.postierSkills) expect(skillCodes.has(s.skillCode)).toBe(true);
    expect(Object.keys(MISSION_TEMPLATES).sort()).toEqual(DOMAINS_OF_ACTION.map((d) => d.code).sort());
  });

  it('gives postiers realistic profiles', () => {
    const metro = new Set(METROPOLITAN_REGION_CODES);
    const communes = new Map(geography.communes.map((c) => [c.code, c]));
    const units = new Set(data.businessUnits.map((b) => b.id));
    let remote = 0;
    let optIn = 0;
    for (const p of data.postierProfiles) {
      expect(metro.has(communes.get(p.communeCode)?.regionCode ?? '')).toBe(true);
      expect(p.mobilityRadiusKm).toBeGreaterThanOrEqual(5);
      expect(p.mobilityRadiusKm).toBeLessThanOrEqual(80);
      expect(units.has(p.businessUnitId)).toBe(true);
      if (p.availableFrom && p.availableTo) expect(p.availableFrom <= p.availableTo).toBe(true);
      if (p.remoteOk) remote++;
      if (p.matchingOptIn) optIn++;
    }
    expect(remote / data.postierProfiles.length).toBeCloseTo(0.6, 1);
    expect(optIn / data.postierProfiles.length).toBeCloseTo(0.75, 1);

    const perUser = new Map<string, number>();
    const levels = [0, 0, 0, 0, 0];
    for (const s of data.postierSkills) {
      perUser.set(s.userId, (perUser.get(s.userId) ?? 0) + 1);
      levels[s.level] = (levels[s.level] ?? 0) + 1;
    }
    expect(perUser.size).toBe(data.postierProfiles.length);
    for (const n of perUser.values()) {
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(8);
    }
    // Levels skewed to 2 and 3.
    expect((levels[2] ?? 0) + (levels[3] ?? 0)).toBeGreaterThan(0.6 * data.postierSkills.length);
    const pairs = new Set(data.postierSkills.map((s) => `${s.userId}|${s.skillCode}`));
    expect(pairs.size).toBe(data.postierSkills.length);

    const domains = new Map<string, number>();
    for (const d of data.postierDomains) domains.set(d.userId, (domains.get(d.userId) ?? 0) + 1);
    for (const n of domains.values()) {
      expect(n).toBeGreaterThanOrEqual(1);
      expect(n).toBeLessThanOrEqual(3);
    }
    expect(new Set(data.postierDomains.map((d) => `${d.userId}|${d.domainCode}`)).size).toBe(
      data.postierDomains.length,
    );
  });

  it('clusters each postier’s skills in a category or two', () => {
    const category = new Map(skills.map((s) => [s.code, s.categoryCode]));
    const byUser = new Map<string, string[]>();
    for (const s of data.postierSkills) {
      const list = byUser.get(s.userId) ?? [];
      list.push(category.get(s.skillCode) ?? '');
      byUser.set(s.userId, list);
    }
    // On average, the two most frequent categories of a postier hold most of their skills.
    let top = 0;
    let total = 0;
    for (const list of byUser.values()) {
      const counts = [
        ...list.reduce((m, c) => m.set(c, (m.get(c) ?? 0) + 1), new Map<string, number>()).values(),
      ];
      counts.sort((a, b) => b - a);
      top += (counts[0] ?? 0) + (counts[1] ?? 0);
      total += list.length;
    }
    expect(top / total).toBeGreaterThan(0.75);
  });

  it('makes unique, valid ids and emails, and verified active users', () => {
    const all = [data.admin, ...data.users];
    const ids = new Set(all.map((u) => u.id));
    expect(ids.size).toBe(all.length);
    for (const u of all) {
      expect(u.id).toMatch(UUID_V4);
      expect(u.status).toBe('active');
      expect(u.emailVerifiedAt).toBeInstanceOf(Date);
    }
    for (const row of [...data.associations, ...data.missions, ...data.businessUnits, ...data.hrScopes]) {
      expect(row.id).toMatch(UUID_V4);
    }
    const emails = all.map((u) => u.email.toLowerCase());
    expect(new Set(emails).size).toBe(emails.length);
    for (const u of data.users.filter((x) => x.role === 'postier').slice(1)) {
      expect(u.email).toMatch(/^[a-z-]+\.[a-z-]+\d+@laposte\.fr$/);
    }
    for (const u of data.users.filter((x) => x.role === 'hr'))
      expect(u.email).toMatch(/^rh\.[a-z-]+@laposte\.fr$/);
    const contacts = data.users.filter((x) => x.role === 'association' && x.email.startsWith('contact@'));
    expect(contacts).toHaveLength(data.associations.length);
    for (const u of contacts) expect(u.email).toMatch(/^contact@[a-z0-9-]+\.asso\.fr$/);
  });

  it('scopes HR users to every metropolitan région and to some business units', () => {
    const regions = data.hrScopes.flatMap((s) => (s.regionCode ? [s.regionCode] : []));
    expect(regions.sort()).toEqual([...METROPOLITAN_REGION_CODES].sort());
    expect(data.hrScopes.filter((s) => s.businessUnitId !== null).length).toBeGreaterThanOrEqual(2);
    for (const s of data.hrScopes) expect(s.regionCode !== null || s.businessUnitId !== null).toBe(true);
  });

  it('sets the settings and everyone’s notification preferences', () => {
    expect(data.settings).toEqual([
      { key: 'default_yearly_quota_hours', value: '70' },
      { key: 'monthly_solicitation_cap', value: '4' },
    ]);
    expect(new Set(data.notificationPreferences.map((p) => p.userId))).toEqual(
      new Set(data.users.map((u) => u.id)),
    );
  });

  it('creates the well-known demo accounts', () => {
    const byEmail = new Map(data.users.map((u) => [u.email, u]));
    expect(data.admin.email).toBe(DEMO_ACCOUNTS.admin.email);
    expect(data.admin.role).toBe('admin');

    const postier = byEmail.get(DEMO_ACCOUNTS.postier.email);
    expect(postier?.id).toBe(data.accounts.postierId);
    const profile = data.postierProfiles.find((p) => p.userId === postier?.id);
    expect(profile?.communeCode).toBe('75056');
    expect(profile?.matchingOptIn).toBe(true);
    expect(data.postierSkills.filter((s) => s.userId === postier?.id).length).toBeGreaterThanOrEqual(5);
    expect(data.postierDomains.filter((d) => d.userId === postier?.id).length).toBeGreaterThanOrEqual(2);

    const member = byEmail.get(DEMO_ACCOUNTS.association.email);
    expect(member?.role).toBe('association');
    const membership = data.associationMembers.find((m) => m.userId === member?.id);
    const association = data.associations.find((a) => a.id === membership?.associationId);
    expect(association?.name).toBe('Emmaüs Connect Paris');
    expect(association?.labelStatus).toBe('labelled');
    const published = data.missions.filter(
      (m) => m.associationId === association?.id && m.status === 'published',
    );
    expect(published.length).toBeGreaterThanOrEqual(3);
    // Its flagship missions are on site in Paris and within the demo postier's availability.
    expect(
      published.filter((m) => m.communeCode === '75056' && m.mode === 'onsite').length,
    ).toBeGreaterThanOrEqual(2);

    const hr = byEmail.get(DEMO_ACCOUNTS.hr.email);
    expect(hr?.role).toBe('hr');
    expect(data.hrScopes.filter((s) => s.userId === hr?.id)).toEqual([
      expect.objectContaining({ regionCode: '11', businessUnitId: null }),
    ]);
  });

  it('scales: more associations and missions than the catalogue holds', () => {
    const big = generateDemoData(
      options({ postiers: 50, associations: 120, pendingAssociations: 10, missions: 1000 }),
    );
    expect(big.associations).toHaveLength(130);
    expect(new Set(big.users.map((u) => u.email)).size).toBe(big.users.length);
    expect(big.missions.filter((m) => m.status === 'published').length).toBe(950);
  });
});

describe('generateDemoData: performance', () => {
  it('generates 230,000 postiers in less than 15 s', { timeout: 60_000 }, () => {
    const started = performance.now();
    const big = generateDemoData(options({ postiers: 230_000 }));
    const seconds = (performance.now() - started) / 1000;
    expect(big.postierProfiles).toHaveLength(230_001);
    expect(seconds).toBeLessThan(15);
  });
});
