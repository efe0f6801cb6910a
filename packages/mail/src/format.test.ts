import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatDateFr,
  formatHours,
  formatScore,
  hrDecisionLabel,
  missionModeLabel,
} from './format';

describe('French labels', () => {
  it('labels mission modes and HR decisions', () => {
    expect(missionModeLabel('onsite')).toBe('Sur site');
    expect(missionModeLabel('hybrid')).toBe('Hybride');
    expect(missionModeLabel('remote')).toBe('À distance');
    expect(hrDecisionLabel('approved')).toBe('acceptée');
    expect(hrDecisionLabel('refused')).toBe('refusée');
  });
});

describe('formatDateFr', () => {
  it('formats ISO dates in French', () => {
    expect(formatDateFr('2026-11-22')).toBe('22 novembre 2026');
    expect(formatDateFr('2027-03-01')).toBe('1er mars 2027');
    expect(formatDateFr('2026-08-15')).toBe('15 août 2026');
  });

  it('reads timestamps in the Europe/Paris time zone', () => {
    expect(formatDateFr('2026-11-22T23:30:00Z')).toBe('23 novembre 2026');
    expect(formatDateFr('2026-06-30T22:30:00.000Z')).toBe('1er juillet 2026');
    expect(formatDateFr('2026-11-22T10:00:00+01:00')).toBe('22 novembre 2026');
    expect(formatDateFr(new Date(Date.UTC(2026, 10, 22, 12)))).toBe('22 novembre 2026');
  });

  it('takes a local timestamp without offset at its written date', () => {
    expect(formatDateFr('2026-11-22T23:59:00')).toBe('22 novembre 2026');
  });

  it('rejects malformed dates', () => {
    for (const bad of ['22/11/2026', '2026-02-30', 'demain', '', '2026-13-01']) {
      expect(() => formatDateFr(bad)).toThrow(RangeError);
    }
    expect(() => formatDateFr(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('numbers', () => {
  it('formats hours with French decimals and agreement', () => {
    expect(formatHours(1)).toBe('1 heure');
    expect(formatHours(1.5)).toBe('1,5 heure');
    expect(formatHours(2)).toBe('2 heures');
    expect(formatHours('7.50')).toBe('7,5 heures');
    expect(() => formatHours('abc')).toThrow(RangeError);
    expect(() => formatHours('')).toThrow(RangeError);
  });

  it('formats counts and scores', () => {
    expect(formatCount(0, 'demande')).toBe('0 demande');
    expect(formatCount(3, 'demande')).toBe('3 demandes');
    expect(formatCount(1200, 'heure')).toBe('1\u202f200 heures');
    expect(formatScore(0.824)).toBe('82\u00a0%');
    expect(formatScore(1.7)).toBe('100\u00a0%');
  });
});
