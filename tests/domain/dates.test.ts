import { describe, expect, it } from 'vitest';
import { formatDay } from '../../src/domain/assessment/dates.ts';

describe('dates as people write them', () => {
  it('writes a day as "14 April 2025"', () => {
    expect(formatDay('2025-04-14')).toBe('14 April 2025');
    expect(formatDay('2026-09-01')).toBe('1 September 2026');
  });

  it('leaves what is not a real date as it was typed', () => {
    expect(formatDay('2025-02-30')).toBe('2025-02-30');
    expect(formatDay('')).toBe('');
  });
});
