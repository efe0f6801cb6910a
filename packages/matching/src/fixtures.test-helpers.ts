import type { CandidateProfile, MissionQuery, Taxonomy } from './types';

export const taxonomy: Taxonomy = {
  skills: [
    { code: 'dev.ts', categoryCode: 'dev' },
    { code: 'dev.python', categoryCode: 'dev' },
    { code: 'dev.sql', categoryCode: 'dev' },
    { code: 'fin.compta', categoryCode: 'fin' },
    { code: 'fin.paie', categoryCode: 'fin' },
    { code: 'fin.fiscal', categoryCode: 'fin' },
    { code: 'com.redaction', categoryCode: 'com' },
    { code: 'com.reseaux', categoryCode: 'com' },
  ],
};

export const PLACES = {
  paris: { latitude: 48.8566, longitude: 2.3522, departementCode: '75' },
  versailles: { latitude: 48.8049, longitude: 2.1204, departementCode: '78' },
  lyon: { latitude: 45.764, longitude: 4.8357, departementCode: '69' },
  marseille: { latitude: 43.2965, longitude: 5.3698, departementCode: '13' },
} as const;

export const NOW = Date.UTC(2025, 2, 1);

export function profile(id: string, patch: Partial<CandidateProfile> = {}): CandidateProfile {
  return {
    id,
    active: true,
    optedIn: true,
    skills: [],
    ...PLACES.paris,
    mobilityRadiusKm: 20,
    remoteOk: false,
    availableFrom: null,
    availableTo: null,
    domains: [],
    remainingQuotaHours: 40,
    solicitationsLast30Days: 0,
    lastSolicitedAt: null,
    ...patch,
  };
}

export function mission(patch: Partial<MissionQuery> = {}): MissionQuery {
  return {
    id: 'm1',
    skills: [
      { code: 'fin.compta', level: 3, required: true },
      { code: 'fin.paie', level: 3, required: true },
      { code: 'fin.fiscal', level: 2, required: true },
      { code: 'com.redaction', level: 2, required: true },
    ],
    mode: 'onsite',
    ...PLACES.paris,
    startDate: '2025-03-10',
    endDate: '2025-04-30',
    domainCode: 'inclusion-bancaire',
    hoursTotal: 20,
    excludedCandidateIds: [],
    ...patch,
  };
}
