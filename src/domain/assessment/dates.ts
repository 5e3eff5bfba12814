/**
 * Dates as people write them in the UK (GOV.UK style): "14 April 2025", never "2025-04-14".
 */
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const LONG_DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "2025-04-14" as "14 April 2025"; anything that is not a real date comes back as it was. */
export function formatDay(day: string): string {
  const match = DAY_PATTERN.exec(day);
  if (!match) return day;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (date.getUTCDate() !== Number(match[3]) || date.getUTCMonth() !== Number(match[2]) - 1) return day;
  return LONG_DATE.format(date);
}
