/**
 * Valuation of skills-based sponsorship: hours × hourly cost (gross pay + employer charges),
 * capped per employee and year at 3 × PASS, and the corporate tax reduction it opens
 * (article 238 bis CGI). Pure: costs and hours come from the caller.
 */

/** Plafond annuel de la sécurité sociale, by year (euros). */
export const PASS_BY_YEAR: Readonly<Record<number, number>> = {
  2024: 46_368,
  2025: 47_100,
  2026: 48_060,
};

/** The cost of one employee's time counts up to 3 × PASS a year. */
export const PASS_CAP_MULTIPLIER = 3;
/** Up to this yearly total, the reduction is 60 %; above it, 40 %. */
export const TAX_REDUCTION_THRESHOLD = 2_000_000;
export const TAX_REDUCTION_RATE = 0.6;
export const TAX_REDUCTION_RATE_ABOVE_THRESHOLD = 0.4;

/** The PASS of a year; a year not in the table takes the latest known one before it (or the first). */
export function passForYear(year: number): number {
  const known = Object.keys(PASS_BY_YEAR)
    .map(Number)
    .sort((a, b) => a - b);
  const exact = PASS_BY_YEAR[year];
  if (exact !== undefined) return exact;
  const before = known.filter((y) => y <= year).pop();
  const chosen = before ?? known[0] ?? 2026;
  return PASS_BY_YEAR[chosen] ?? 0;
}

/** The most one employee's hours can be valued in a year. */
export function employeeYearlyCap(year: number): number {
  return PASS_CAP_MULTIPLIER * passForYear(year);
}

export interface HourlyCost {
  /** YYYY-MM-DD: the rate applies from this day until the next one. */
  effectiveFrom: string;
  costPerHour: number;
}

/** The rate in force on a day: the latest one effective on or before it; null when none yet. */
export function costOn(costs: readonly HourlyCost[], date: string): number | null {
  let best: HourlyCost | undefined;
  for (const cost of costs) {
    if (cost.effectiveFrom <= date && (!best || cost.effectiveFrom > best.effectiveFrom)) best = cost;
  }
  return best ? best.costPerHour : null;
}

export interface ValuedHours {
  date: string;
  hours: number;
}

/** One employee's year: hours × the rate of each day, then capped at 3 × PASS. */
export function employeeYearValuation(
  year: number,
  entries: readonly ValuedHours[],
  costs: readonly HourlyCost[],
): { raw: number; capped: number } {
  let raw = 0;
  for (const entry of entries) raw += entry.hours * (costOn(costs, entry.date) ?? 0);
  raw = cents(raw);
  return { raw, capped: capValuation(year, raw) };
}

export function capValuation(year: number, raw: number): number {
  return cents(Math.min(raw, employeeYearlyCap(year)));
}

export interface SponsorshipAmount {
  amount: number;
  /** The beneficiary helps people in difficulty (free meals, care, housing): 60 % whatever the total. */
  helpsPeopleInDifficulty: boolean;
}

/**
 * The tax reduction estimate of a year: 60 % of the total up to 2 M€ and 40 % of the part above,
 * except amounts given to associations helping people in difficulty, which stay at 60 % and, as
 * the law says, are left out when the 2 M€ threshold is assessed.
 */
export function taxReductionEstimate(amounts: readonly SponsorshipAmount[]): number {
  let difficulty = 0;
  let other = 0;
  for (const a of amounts) {
    if (a.helpsPeopleInDifficulty) difficulty += a.amount;
    else other += a.amount;
  }
  const below = Math.min(other, TAX_REDUCTION_THRESHOLD);
  const above = Math.max(0, other - TAX_REDUCTION_THRESHOLD);
  return cents(
    difficulty * TAX_REDUCTION_RATE + below * TAX_REDUCTION_RATE + above * TAX_REDUCTION_RATE_ABOVE_THRESHOLD,
  );
}

export function cents(value: number): number {
  return Math.round(value * 100) / 100;
}
