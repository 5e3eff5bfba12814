/**
 * The list's and the report's filters, read from the query string. Days are UK days: "received
 * from 30 March" starts at midnight in London, whatever the clocks are doing.
 */
import { STATUSES, type Status } from './model.ts';
import type { FieldError } from './views/components.ts';
import type { FilterValues } from './views/list.ts';
import type { ListFilters } from './store/queries.ts';

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const LONDON = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** London's offset from UTC at an instant, in minutes (0 in winter, 60 in summer). */
function londonOffsetMinutes(instant: Date): number {
  const parts = Object.fromEntries(LONDON.formatToParts(instant).map((part) => [part.type, part.value]));
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
  );
  return Math.round((asUtc - instant.getTime()) / 60_000);
}

/** The instant a UK day (YYYY-MM-DD) begins, or undefined if it is not a real date. */
export function startOfLondonDay(day: string): Date | undefined {
  const match = DAY_PATTERN.exec(day);
  if (!match) return undefined;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utcMidnight = new Date(Date.UTC(year, month - 1, date));
  if (utcMidnight.getUTCMonth() !== month - 1 || utcMidnight.getUTCDate() !== date || year < 2000 || year > 2100) {
    return undefined;
  }
  // Midnight in London is midnight UTC minus the offset in force then (the clocks never change at midnight).
  return new Date(utcMidnight.getTime() - londonOffsetMinutes(utcMidnight) * 60_000);
}

function nextDay(day: string): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

const text = (value: unknown) => (typeof value === 'string' ? value.trim().slice(0, 40) : '');

export interface RangeResult {
  from?: string;
  to?: string;
  errors: FieldError[];
}

/** A range of UK days, both included; errors name the field in GOV.UK's words. */
export function parseDayRange(fromDay: string, toDay: string): RangeResult {
  const errors: FieldError[] = [];
  const from = fromDay ? startOfLondonDay(fromDay) : undefined;
  const toStart = toDay ? startOfLondonDay(toDay) : undefined;
  if (fromDay && !from) errors.push({ field: 'from', message: "'Received from' must be a real date" });
  if (toDay && !toStart) errors.push({ field: 'to', message: "'Received to' must be a real date" });
  const to = toStart ? startOfLondonDay(nextDay(toDay)) : undefined;
  if (from && toStart && toStart < from) {
    errors.push({ field: 'to', message: "'Received to' must be the same as or after 'Received from'" });
  }
  return { from: from?.toISOString(), to: to?.toISOString(), errors };
}

export interface ParsedListQuery {
  filters: ListFilters;
  values: FilterValues;
  errors: FieldError[];
  page: number;
}

/** Reads the filters; `levels` and `agencyIds` are the choices any document offers. */
export function parseListQuery(
  query: unknown,
  levels: readonly number[],
  agencyIds: readonly string[],
): ParsedListQuery {
  const raw = (query ?? {}) as Record<string, unknown>;
  const values: FilterValues = {
    status: text(raw.status),
    level: text(raw.level),
    agency: text(raw.agency),
    from: text(raw.from),
    to: text(raw.to),
  };
  const errors: FieldError[] = [];
  const filters: ListFilters = {};
  if (values.status) {
    if ((STATUSES as readonly string[]).includes(values.status)) filters.status = values.status as Status;
    else errors.push({ field: 'status', message: 'Select a status from the list' });
  }
  if (values.level) {
    const level = Number(values.level);
    if (levels.includes(level)) filters.level = level;
    else errors.push({ field: 'level', message: 'Select a level from the list' });
  }
  if (values.agency) {
    if (agencyIds.includes(values.agency)) filters.agency = values.agency;
    else errors.push({ field: 'agency', message: 'Select an agency from the list' });
  }
  const range = parseDayRange(values.from, values.to);
  errors.push(...range.errors);
  if (!range.errors.length) {
    filters.from = range.from;
    filters.to = range.to;
  }
  const pageNumber = Number(text(raw.page) || '1');
  const page = Number.isInteger(pageNumber) && pageNumber >= 1 && pageNumber <= 100_000 ? pageNumber : 1;
  return { filters, values, errors, page };
}
