/**
 * Dates and times in the words GOV.UK uses ("2 December 2026 at 3:15pm", "midday"), in UK time
 * whatever the device's own zone, for the confirmation, the receipt and the front door's decision.
 */
const UK_TIME_ZONE = 'Europe/London';

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: UK_TIME_ZONE,
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const dayMonthFormat = new Intl.DateTimeFormat('en-GB', { timeZone: UK_TIME_ZONE, day: 'numeric', month: 'long' });
const timeFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: UK_TIME_ZONE,
  hour: 'numeric',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "2 December 2026". */
export function plainDate(iso: string): string {
  return dateFormat.format(new Date(iso));
}

/** "2 December": for dates the reader knows are recent. */
export function plainDayMonth(iso: string): string {
  return dayMonthFormat.format(new Date(iso));
}

/** "3:15pm", "9am", "midday", "midnight". */
export function plainTime(iso: string): string {
  const parts = timeFormat.formatToParts(new Date(iso));
  const hour = Number(parts.find((part) => part.type === 'hour')?.value ?? 0);
  const minute = parts.find((part) => part.type === 'minute')?.value ?? '00';
  if (minute === '00' && hour === 12) return 'midday';
  if (minute === '00' && hour === 0) return 'midnight';
  const hour12 = hour % 12 === 0 ? 12 : hour % 12;
  return `${hour12}${minute === '00' ? '' : `:${minute}`}${hour < 12 ? 'am' : 'pm'}`;
}

/** "2 December 2026 at 3:15pm". */
export function plainDateTime(iso: string): string {
  return `${plainDate(iso)} at ${plainTime(iso)}`;
}
