import { describe, expect, it } from 'vitest';
import { checkTimeEntry, parseQuotaSetting, remainingQuota, yearlyQuota } from './quota';

describe('yearly quota', () => {
  it('postier override, else business unit, else setting, else 70 h', () => {
    expect(yearlyQuota({ postierOverride: 20, businessUnitQuota: 50, defaultQuota: 80 })).toBe(20);
    expect(yearlyQuota({ postierOverride: null, businessUnitQuota: 50, defaultQuota: 80 })).toBe(50);
    expect(yearlyQuota({ postierOverride: null, businessUnitQuota: null, defaultQuota: 80 })).toBe(80);
    expect(yearlyQuota({ postierOverride: null, businessUnitQuota: null, defaultQuota: null })).toBe(70);
    expect(yearlyQuota({ postierOverride: 0, businessUnitQuota: 50, defaultQuota: null })).toBe(0);
  });
  it('reads the setting only when it is a whole number', () => {
    expect(parseQuotaSetting('90')).toBe(90);
    expect(parseQuotaSetting('abc')).toBeNull();
    expect(parseQuotaSetting(undefined)).toBeNull();
  });
  it('remaining = quota − validated − pending, never negative', () => {
    expect(remainingQuota({ quota: 70, validated: 30, pending: 10.5 })).toBe(29.5);
    expect(remainingQuota({ quota: 70, validated: 70, pending: 0 })).toBe(0);
    expect(remainingQuota({ quota: 10, validated: 12, pending: 0 })).toBe(0);
  });
});

describe('time entry rules at their edges', () => {
  const base = {
    date: '2026-03-10',
    hours: 2,
    today: '2026-03-10',
    missionStart: '2026-03-01',
    missionEnd: '2026-03-31',
    hoursThatDay: 0,
    remaining: 70,
  };
  it('today passes, tomorrow is in the future', () => {
    expect(checkTimeEntry(base)).toBeNull();
    expect(checkTimeEntry({ ...base, date: '2026-03-11', today: '2026-03-10' })?.code).toBe(
      'TIME_ENTRY_IN_FUTURE',
    );
  });
  it('the mission bounds are inclusive', () => {
    expect(checkTimeEntry({ ...base, date: '2026-03-01' })).toBeNull();
    expect(checkTimeEntry({ ...base, date: '2026-02-28' })?.code).toBe('TIME_ENTRY_OUTSIDE_MISSION');
    expect(checkTimeEntry({ ...base, date: '2026-03-31', today: '2026-04-02' })).toBeNull();
    expect(checkTimeEntry({ ...base, date: '2026-04-01', today: '2026-04-02' })?.code).toBe(
      'TIME_ENTRY_OUTSIDE_MISSION',
    );
  });
  it('10 h a day exactly, not a quarter more', () => {
    expect(checkTimeEntry({ ...base, hoursThatDay: 7.5, hours: 2.5 })).toBeNull();
    expect(checkTimeEntry({ ...base, hoursThatDay: 7.5, hours: 2.75 })).toMatchObject({
      code: 'TIME_ENTRY_DAILY_LIMIT',
      field: 'hours',
    });
  });
  it('the remaining quota exactly, not a quarter more', () => {
    expect(checkTimeEntry({ ...base, remaining: 2 })).toBeNull();
    expect(checkTimeEntry({ ...base, remaining: 1.75 })).toMatchObject({
      code: 'TIME_ENTRY_QUOTA_EXCEEDED',
      field: 'hours',
    });
  });
});
