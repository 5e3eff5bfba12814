import { describe, expect, it } from 'vitest';
import {
  describeDay,
  describeStorageUse,
  describeWhen,
  formatIsoDate,
  formatSize,
  formatTime,
} from '../../src/domain/plain-words.ts';

const LONDON = 'Europe/London';
const now = new Date('2026-11-30T10:00:00Z');

describe('times in plain words', () => {
  it('writes times the GOV.UK way', () => {
    expect(formatTime(new Date('2026-11-30T00:21:03Z'), LONDON)).toBe('12:21am');
    expect(formatTime(new Date('2026-11-30T15:05:00Z'), LONDON)).toBe('3:05pm');
    expect(formatTime(new Date('2026-11-30T09:00:00Z'), LONDON)).toBe('9am');
    expect(formatTime(new Date('2026-11-30T12:00:00Z'), LONDON)).toBe('midday');
    expect(formatTime(new Date('2026-11-30T00:00:00Z'), LONDON)).toBe('midnight');
  });

  it('says today, yesterday, or the date for anything older', () => {
    expect(describeWhen('2026-11-30T00:21:03Z', now, LONDON)).toBe('today at 12:21am');
    expect(describeWhen('2026-11-29T15:05:00Z', now, LONDON)).toBe('yesterday at 3:05pm');
    expect(describeWhen('2025-04-14T08:00:00Z', now, LONDON)).toBe('on 14 April 2025 at 9am');
  });

  it('counts days in the practitioner’s time zone, not UTC', () => {
    // 23:30 UTC on 29 June is 00:30 on 30 June in London (summer time).
    expect(describeWhen('2026-06-29T23:30:00Z', new Date('2026-06-30T08:00:00Z'), LONDON)).toBe('today at 12:30am');
  });

  it('dates a moment ahead of now rather than calling it today', () => {
    expect(describeWhen('2026-12-02T09:00:00Z', now, LONDON)).toBe('on 2 December 2026 at 9am');
  });

  it('writes a moment’s day as "14 April 2025"', () => {
    expect(describeDay('2025-04-14T08:00:00Z', LONDON)).toBe('14 April 2025');
  });

  it('writes a calendar date, such as when rules take effect, the same way, whatever the time zone', () => {
    expect(formatIsoDate('2025-04-01')).toBe('1 April 2025');
    expect(formatIsoDate('2026-12-31')).toBe('31 December 2026');
  });
});

describe('storage in plain words', () => {
  it('rounds sizes to what a person can use', () => {
    expect(formatSize(1.5 * 1024 * 1024)).toBe('1.5 MB');
    expect(formatSize(340 * 1024)).toBe('340 KB');
    expect(formatSize(10241.5 * 1024 * 1024)).toBe('10 GB');
    expect(formatSize(2.25 * 1024 ** 3)).toBe('2.3 GB');
  });

  it('says how much is used of about how much', () => {
    expect(describeStorageUse(1.5 * 1024 * 1024, 10241.5 * 1024 * 1024)).toBe('1.5 MB used of about 10 GB');
  });
});
