/**
 * Times, devices and storage in plain words (GOV.UK style): "today at 12:21am", "on 14 April 2025
 * at 9am", "1.5 MB used of about 10 GB", never "30/11/2026, 00:21:03" or "10241.5 MB". Pure: the
 * caller passes `now`, and the time zone when it must not be the device's own.
 */

interface DayParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

function partsIn(date: Date, timeZone: string | undefined): DayParts {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((each) => each.type === type)?.value);
  return { year: part('year'), month: part('month'), day: part('day'), hour: part('hour'), minute: part('minute') };
}

/** "9am", "3:05pm", "12:21am", "midday", "midnight": the GOV.UK style for times. */
export function formatTime(date: Date, timeZone?: string): string {
  const { hour, minute } = partsIn(date, timeZone);
  if (minute === 0 && hour === 0) return 'midnight';
  if (minute === 0 && hour === 12) return 'midday';
  const hour12 = hour % 12 === 0 ? 12 : hour % 12;
  const minutes = minute === 0 ? '' : `:${String(minute).padStart(2, '0')}`;
  return `${hour12}${minutes}${hour < 12 ? 'am' : 'pm'}`;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/**
 * "1 April 2025" from an ISO calendar date ("2025-04-01"), written out by hand rather than through
 * Intl: the first Intl date format on a page loads the browser's locale data, which cost the start
 * page's first render 60 ms at 4× CPU.
 */
export function formatIsoDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  return `${day} ${MONTHS[(month ?? 1) - 1]} ${year}`;
}

/** Whole calendar days from `then` to `now` in the time zone, whatever the hours. */
function daysBetween(then: DayParts, now: DayParts): number {
  const day = (parts: DayParts) => Date.UTC(parts.year, parts.month - 1, parts.day) / 86_400_000;
  return day(now) - day(then);
}

/**
 * When something happened, to go after a verb: "today at 12:21am", "yesterday at 3:05pm" or
 * "on 14 April 2025 at 9am". A time ahead of `now` (a device clock that was wrong) is dated too.
 */
export function describeWhen(iso: string, now: Date, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return 'at an unknown time';
  const then = partsIn(date, timeZone);
  const time = formatTime(date, timeZone);
  const days = daysBetween(then, partsIn(now, timeZone));
  if (days === 0) return `today at ${time}`;
  if (days === 1) return `yesterday at ${time}`;
  return `on ${then.day} ${MONTHS[then.month - 1]} ${then.year} at ${time}`;
}

/** "14 April 2025" in the time zone, for a moment rather than a day typed by someone. */
export function describeDay(iso: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return 'an unknown date';
  const { day, month, year } = partsIn(date, timeZone);
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

const MB = 1024 * 1024;
const GB = 1024 * MB;

/** "1.5 MB", "340 KB", "10 GB": as much precision as a person can use. */
export function formatSize(bytes: number): string {
  if (bytes >= GB) {
    const gigabytes = bytes / GB;
    return `${gigabytes >= 10 ? Math.round(gigabytes) : Number(gigabytes.toFixed(1))} GB`;
  }
  if (bytes >= MB) return `${Number((bytes / MB).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return bytes === 1 ? '1 byte' : `${Math.max(0, Math.round(bytes))} bytes`;
}

/** "1.5 MB used of about 10 GB": what the app holds against what the browser lets it have. */
export function describeStorageUse(usageBytes: number, quotaBytes: number): string {
  return `${formatSize(usageBytes)} used of about ${formatSize(quotaBytes)}`;
}
