import { describe, expect, it } from 'vitest';
import {
  capValuation,
  costOn,
  employeeYearlyCap,
  employeeYearValuation,
  passForYear,
  taxReductionEstimate,
} from './valuation';

describe('PASS and the 3 × PASS cap', () => {
  it('knows 2025 and 2026', () => {
    expect(passForYear(2025)).toBe(47_100);
    expect(passForYear(2026)).toBe(48_060);
    expect(employeeYearlyCap(2025)).toBe(141_300);
    expect(employeeYearlyCap(2026)).toBe(144_180);
  });
  it('a later year takes the latest known PASS', () => {
    expect(passForYear(2030)).toBe(48_060);
  });
  it('caps at exactly 3 × PASS', () => {
    expect(capValuation(2026, 144_180)).toBe(144_180);
    expect(capValuation(2026, 144_180.01)).toBe(144_180);
    expect(capValuation(2026, 144_179.99)).toBe(144_179.99);
    expect(capValuation(2025, 150_000)).toBe(141_300);
  });
});

describe('effective-dated hourly cost', () => {
  const costs = [
    { effectiveFrom: '2026-01-01', costPerHour: 40 },
    { effectiveFrom: '2026-07-01', costPerHour: 45 },
  ];
  it('takes the rate in force that day', () => {
    expect(costOn(costs, '2025-12-31')).toBeNull();
    expect(costOn(costs, '2026-01-01')).toBe(40);
    expect(costOn(costs, '2026-06-30')).toBe(40);
    expect(costOn(costs, '2026-07-01')).toBe(45);
  });
  it('values a year entry by entry, then caps it', () => {
    expect(
      employeeYearValuation(
        2026,
        [
          { date: '2026-06-30', hours: 2 },
          { date: '2026-07-01', hours: 2 },
        ],
        costs,
      ),
    ).toEqual({ raw: 170, capped: 170 });
    const huge = employeeYearValuation(2026, [{ date: '2026-07-01', hours: 4000 }], costs);
    expect(huge).toEqual({ raw: 180_000, capped: 144_180 });
  });
});

describe('tax reduction: 60 % up to 2 M€, 40 % above, people in difficulty always 60 %', () => {
  const ordinary = (amount: number) => ({ amount, helpsPeopleInDifficulty: false });
  it('60 % up to the threshold included', () => {
    expect(taxReductionEstimate([ordinary(2_000_000)])).toBe(1_200_000);
    expect(taxReductionEstimate([ordinary(1_000_000), ordinary(1_000_000)])).toBe(1_200_000);
  });
  it('40 % on the part above', () => {
    expect(taxReductionEstimate([ordinary(2_000_001)])).toBe(1_200_000.4);
    expect(taxReductionEstimate([ordinary(3_000_000)])).toBe(1_600_000);
  });
  it('people in difficulty stay at 60 % and do not count towards the threshold', () => {
    expect(taxReductionEstimate([{ amount: 3_000_000, helpsPeopleInDifficulty: true }])).toBe(1_800_000);
    expect(
      taxReductionEstimate([ordinary(2_000_000), { amount: 1_000_000, helpsPeopleInDifficulty: true }]),
    ).toBe(1_800_000);
  });
  it('nothing given, nothing reduced', () => {
    expect(taxReductionEstimate([])).toBe(0);
  });
});
