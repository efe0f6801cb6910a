/**
 * Yearly quotas of mécénat hours and the rules a logged time entry must pass. Pure: the caller
 * reads the numbers from the database and the date from the clock.
 */

/** When admins have not set `default_yearly_quota_hours`. */
export const DEFAULT_YEARLY_QUOTA_HOURS = 70;
/** At most this many hours a day, across all of a postier's entries. */
export const MAX_HOURS_PER_DAY = 10;

export interface QuotaSources {
  /** Set by HR on the postier's profile. */
  postierOverride: number | null;
  /** Set on the postier's business unit. */
  businessUnitQuota: number | null;
  /** The admins' setting, when present. */
  defaultQuota: number | null;
}

/** Postier override, else the business unit's, else the admins' default, else 70 h. */
export function yearlyQuota(sources: QuotaSources): number {
  return (
    sources.postierOverride ?? sources.businessUnitQuota ?? sources.defaultQuota ?? DEFAULT_YEARLY_QUOTA_HOURS
  );
}

/** A setting stored as text: a non-negative integer, or null when absent or not a number. */
export function parseQuotaSetting(value: string | null | undefined): number | null {
  if (value === null || value === undefined || !/^\d+$/.test(value.trim())) return null;
  return Number(value.trim());
}

export interface QuotaUsage {
  quota: number;
  /** Hours validated by HR this year. */
  validated: number;
  /** Hours submitted or confirmed, not yet validated: they will count, so they are reserved. */
  pending: number;
}

/** What is left to log this year (never negative). Rounded to the cent of an hour. */
export function remainingQuota(usage: QuotaUsage): number {
  return Math.max(0, round2(usage.quota - usage.validated - usage.pending));
}

export type TimeEntryRule =
  | 'TIME_ENTRY_IN_FUTURE'
  | 'TIME_ENTRY_OUTSIDE_MISSION'
  | 'TIME_ENTRY_DAILY_LIMIT'
  | 'TIME_ENTRY_QUOTA_EXCEEDED';

export interface TimeEntryViolation {
  code: TimeEntryRule;
  field: 'date' | 'hours';
  message: string;
}

export interface TimeEntryCheck {
  /** YYYY-MM-DD, the day worked. */
  date: string;
  hours: number;
  /** YYYY-MM-DD in France. */
  today: string;
  missionStart: string;
  missionEnd: string;
  /** Hours already logged that day by the postier (rejected entries excluded), any mission. */
  hoursThatDay: number;
  /** Remaining quota of the entry's year, before this entry. */
  remaining: number;
}

/** The first rule the entry breaks, in the order a postier would fix them; null when it passes. */
export function checkTimeEntry(input: TimeEntryCheck): TimeEntryViolation | null {
  if (input.date > input.today) {
    return {
      code: 'TIME_ENTRY_IN_FUTURE',
      field: 'date',
      message: 'Hours cannot be logged for a day to come',
    };
  }
  if (input.date < input.missionStart || input.date > input.missionEnd) {
    return {
      code: 'TIME_ENTRY_OUTSIDE_MISSION',
      field: 'date',
      message: `The day must fall within the mission (${input.missionStart} to ${input.missionEnd})`,
    };
  }
  if (round2(input.hoursThatDay + input.hours) > MAX_HOURS_PER_DAY) {
    return {
      code: 'TIME_ENTRY_DAILY_LIMIT',
      field: 'hours',
      message: `At most ${MAX_HOURS_PER_DAY} hours a day: ${input.hoursThatDay} already logged that day`,
    };
  }
  if (input.hours > input.remaining) {
    return {
      code: 'TIME_ENTRY_QUOTA_EXCEEDED',
      field: 'hours',
      message: `Only ${input.remaining} hours remain in this year's quota`,
    };
  }
  return null;
}

export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
