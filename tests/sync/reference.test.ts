import { describe, expect, it } from 'vitest';
import { makeReference, normaliseReference, REFERENCE_ALPHABET } from '../../src/domain/sync/reference.ts';

describe('short references', () => {
  it('are eight characters in two groups of four, from an alphabet without look-alikes', () => {
    let next = 0;
    expect(makeReference(() => next++)).toBe('2345-6789');
    for (const lookAlike of ['0', 'O', '1', 'I', 'L', 'U']) expect(REFERENCE_ALPHABET).not.toContain(lookAlike);
    expect(makeReference((below) => below - 1)).toBe('ZZZZ-ZZZZ');
  });

  it('are read back whatever the case, spaces or dash; anything else is not a reference', () => {
    expect(normaliseReference(' k7qm 4xrt ')).toBe('K7QM-4XRT');
    expect(normaliseReference('K7QM4XRT')).toBe('K7QM-4XRT');
    expect(normaliseReference('K7QM-4XR0')).toBeUndefined();
    expect(normaliseReference('K7QM-4XR')).toBeUndefined();
  });
});
