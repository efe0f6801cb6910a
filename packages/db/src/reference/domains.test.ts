import { describe, expect, it } from 'vitest';
import { DOMAINS_OF_ACTION } from './domains';

describe('DOMAINS_OF_ACTION', () => {
  it('lists the twelve domains of the Alliance Dynamique once each', () => {
    expect(DOMAINS_OF_ACTION).toHaveLength(12);
    expect(new Set(DOMAINS_OF_ACTION.map((d) => d.code)).size).toBe(12);
    expect(new Set(DOMAINS_OF_ACTION.map((d) => d.label)).size).toBe(12);
  });

  it('uses kebab-case codes and fills every text', () => {
    for (const d of DOMAINS_OF_ACTION) {
      expect(d.code).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(d.label.trim()).not.toBe('');
      expect(d.description.length).toBeGreaterThan(40);
    }
  });

  it('has the expected codes', () => {
    expect(DOMAINS_OF_ACTION.map((d) => d.code).sort()).toEqual(
      [
        'achats-responsables',
        'economie-circulaire',
        'handicap',
        'inclusion-bancaire',
        'inclusion-numerique',
        'insertion-emploi',
        'lieux-partages',
        'logistique-urbaine',
        'mediation-sociale',
        'revitalisation-rurale',
        'services-domicile',
        'transition-energetique',
      ].sort(),
    );
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(DOMAINS_OF_ACTION)).toBe(true);
  });
});
