import { describe, expect, it } from 'vitest';
import {
  loadSkillCategories,
  loadSkills,
  parseSkillCategories,
  parseSkills,
  ReferenceDataError,
} from './skills';

describe('loadSkillCategories and loadSkills', () => {
  const categories = loadSkillCategories();
  const skills = loadSkills();

  it('ships a taxonomy of at least 150 skills in about fifteen categories', () => {
    expect(skills.length).toBeGreaterThanOrEqual(150);
    expect(categories.length).toBeGreaterThanOrEqual(12);
    expect(categories.length).toBeLessThanOrEqual(18);
  });

  it('has unique codes and labels', () => {
    expect(new Set(skills.map((s) => s.code)).size).toBe(skills.length);
    expect(new Set(skills.map((s) => s.label.toLowerCase())).size).toBe(skills.length);
    expect(new Set(categories.map((c) => c.code)).size).toBe(categories.length);
  });

  it('uses every category, each with at least five skills', () => {
    const counts = new Map<string, number>();
    for (const s of skills) counts.set(s.categoryCode, (counts.get(s.categoryCode) ?? 0) + 1);
    for (const c of categories) expect(counts.get(c.code) ?? 0, c.code).toBeGreaterThanOrEqual(5);
  });

  it('names a source for every skill, with no ESCO concept used twice', () => {
    const esco = skills.filter((s) => s.source === 'ESCO').map((s) => s.sourceRef);
    expect(esco.length).toBeGreaterThan(0);
    expect(new Set(esco).size).toBe(esco.length);
    expect(skills.filter((s) => s.source === 'ROME4').length).toBeGreaterThan(0);
  });

  it('covers what associations ask for', () => {
    const codes = new Set(skills.map((s) => s.code));
    for (const code of [
      'comptabilite-generale',
      'gestion-entrepot',
      'accompagnement-numerique',
      'cybersecurite',
      'droit-associations',
      'recrutement',
      'gestion-projet',
    ]) {
      expect(codes.has(code), code).toBe(true);
    }
  });
});

describe('parseSkills', () => {
  const categories = parseSkillCategories('code;label\nlogistique;Logistique\n');
  const header = 'code;label;category_code;source;source_ref';

  it('reads a valid file, tolerating a BOM, CRLF and a trailing blank line', () => {
    const text = `\uFEFF${header}\r\ncariste;Conduite de chariot;logistique;ROME4;N1101\r\n\r\n`;
    expect(parseSkills(text, categories)).toEqual([
      {
        code: 'cariste',
        label: 'Conduite de chariot',
        categoryCode: 'logistique',
        source: 'ROME4',
        sourceRef: 'N1101',
      },
    ]);
  });

  it.each([
    ['a duplicate code', 'a;A;logistique;ROME4;N1101\na;B;logistique;ROME4;N1101', 3, /duplicate code/],
    ['an unknown category', 'a;A;finance;ROME4;M1203', 2, /unknown category "finance"/],
    ['an empty label', 'a;;logistique;ROME4;N1101', 2, /empty label/],
    ['an unknown source', 'a;A;logistique;ONET;11-1011', 2, /unknown source/],
    ['a malformed ESCO URI', 'a;A;logistique;ESCO;https://esco.ec.europa.eu/skill/x', 2, /not a valid ESCO/],
    ['a malformed ROME code', 'a;A;logistique;ROME4;1203', 2, /not a valid ROME4/],
    ['a missing field', 'a;A;logistique;ROME4', 2, /expected 5 fields/],
    ['a code that is not kebab-case', 'Comptabilite Generale;A;logistique;ROME4;M1203', 2, /kebab-case/],
  ])('refuses %s, naming the line', (_, body, line, message) => {
    const parse = () => parseSkills(`${header}\n${body}\n`, categories, 'skills.csv');
    expect(parse).toThrow(ReferenceDataError);
    expect(parse).toThrow(new RegExp(`skills.csv, line ${line}: `));
    expect(parse).toThrow(message);
  });

  it('refuses a file with another header', () => {
    expect(() => parseSkills('code;label\n', categories)).toThrow(/line 1: expected the header/);
  });
});
