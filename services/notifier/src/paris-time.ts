const PARIS_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date in France at that instant, as 'YYYY-MM-DD' (never the process's own time zone). */
export function parisDate(at: Date): string {
  return PARIS_DATE.format(at);
}
