/**
 * French labels and formatting for emails. Deterministic: everything depends on the input only
 * (dates are formatted in the Europe/Paris time zone, never in the process's own).
 */

/** Non-breaking space, used by French typography before « : ; ! ? » and inside guillemets. */
export const NBSP = '\u00a0';

export type MissionMode = 'onsite' | 'hybrid' | 'remote';
export type HrDecision = 'approved' | 'refused';
export type DigestPeriod = 'daily' | 'weekly';
export type DigestItemKind = 'mission' | 'recommendation' | 'invitation' | 'application' | 'hours' | 'info';

export const MISSION_MODE_LABELS: Record<MissionMode, string> = {
  onsite: 'Sur site',
  hybrid: 'Hybride',
  remote: 'À distance',
};

/** Past participle agreeing with « votre participation ». */
export const HR_DECISION_LABELS: Record<HrDecision, string> = {
  approved: 'acceptée',
  refused: 'refusée',
};

export const DIGEST_PERIOD_LABELS: Record<DigestPeriod, string> = {
  daily: 'quotidien',
  weekly: 'hebdomadaire',
};

/** Section headings of a digest, in the order the sections are shown. */
export const DIGEST_KIND_LABELS: Record<DigestItemKind, string> = {
  invitation: 'Invitations à des missions',
  recommendation: 'Missions recommandées pour vous',
  mission: 'Nouvelles missions',
  application: 'Vos candidatures',
  hours: 'Vos heures',
  info: 'Informations',
};

export function missionModeLabel(mode: MissionMode): string {
  return MISSION_MODE_LABELS[mode];
}

export function hrDecisionLabel(decision: HrDecision): string {
  return HR_DECISION_LABELS[decision];
}

/** Wraps a title in French guillemets with non-breaking spaces: « Titre ». */
export function quoted(value: string): string {
  return `«${NBSP}${value}${NBSP}»`;
}

/** `word` or `plural` following the French rule (singular below 2, so 0 and 1,5 are singular). */
export function plural(count: number, word: string, pluralWord = `${word}s`): string {
  return Math.abs(count) < 2 ? word : pluralWord;
}

const numberFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });
const percentFormat = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 0 });

function toFiniteNumber(value: number | string, what: string): number {
  const number = typeof value === 'number' ? value : Number(value.trim() === '' ? Number.NaN : value);
  if (!Number.isFinite(number)) throw new RangeError(`Invalid ${what}: ${String(value)}`);
  return number;
}

/** 12 → « 12 », 3.5 → « 3,5 », 1234 → « 1 234 » (narrow no-break space as thousands separator). */
export function formatNumber(value: number | string): string {
  return numberFormat.format(toFiniteNumber(value, 'number'));
}

/** Hours as given by the database (a number, or a numeric string such as "7.50"): « 7,5 heures ». */
export function formatHours(value: number | string): string {
  const hours = toFiniteNumber(value, 'hours');
  return `${numberFormat.format(hours)} ${plural(hours, 'heure')}`;
}

/** `count word(s)`: formatCount(3, 'demande') → « 3 demandes ». */
export function formatCount(count: number, word: string, pluralWord?: string): string {
  return `${formatNumber(count)} ${plural(count, word, pluralWord)}`;
}

/** A matching score in [0, 1] as a French percentage: 0.82 → « 82 % ». */
export function formatScore(score: number): string {
  const clamped = Math.min(1, Math.max(0, toFiniteNumber(score, 'score')));
  return percentFormat.format(clamped);
}

const dateFormat = new Intl.DateTimeFormat('fr-FR', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/Paris',
});

const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

function parseIsoDate(value: string): Date {
  const match = ISO_DATE.exec(value.trim());
  if (!match) throw new RangeError(`Invalid ISO date: ${value}`);
  const [, year, month, day, hour, , , offset] = match;
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  // A calendar date, or a local time without offset: take the date as written (noon UTC is the
  // same day in Paris all year round). The process's time zone never matters.
  const calendar = new Date(Date.UTC(y, m - 1, d, 12));
  if (calendar.getUTCFullYear() !== y || calendar.getUTCMonth() !== m - 1 || calendar.getUTCDate() !== d) {
    throw new RangeError(`Invalid ISO date: ${value}`);
  }
  if (hour === undefined || offset === undefined) return calendar;
  const instant = new Date(value.trim());
  if (Number.isNaN(instant.getTime())) throw new RangeError(`Invalid ISO date: ${value}`);
  return instant;
}

/**
 * « 22 novembre 2026 », « 1er mars 2027 ». Accepts an ISO date (`2026-11-22`), an ISO timestamp
 * with an offset (`2026-11-22T23:30:00Z` is already the 23rd in Paris) or a Date.
 */
export function formatDateFr(value: string | Date): string {
  const date = typeof value === 'string' ? parseIsoDate(value) : value;
  if (Number.isNaN(date.getTime())) throw new RangeError('Invalid date');
  return dateFormat
    .formatToParts(date)
    .map((part) => (part.type === 'day' && part.value === '1' ? '1er' : part.value))
    .join('');
}
