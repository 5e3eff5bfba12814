import { afterEach, describe, expect, it } from 'vitest';
import { claimDraft, type ClaimEnvironment, type DraftClaim } from '../../src/data/draft-claim.ts';
import { DATA_MESSAGES, sentence } from '../../src/data/messages.ts';

/** Web Locks as one browser provides them to all its tabs: exclusive, `ifAvailable` honoured. */
class FakeLocks {
  readonly held = new Set<string>();
  private readonly onRelease = new Map<string, () => void>();
  async request(name: string, _options: LockOptions, callback: (lock: Lock | null) => unknown): Promise<unknown> {
    if (this.held.has(name)) return callback(null);
    this.held.add(name);
    try {
      return await callback({ name, mode: 'exclusive' } as Lock);
    } finally {
      this.held.delete(name);
      this.onRelease.get(name)?.();
    }
  }
  /** Settles when the browser would let go of lock `name`: the event to wait for, not a tick. */
  released(name: string): Promise<void> {
    return new Promise((resolve) => this.onRelease.set(name, resolve));
  }
}

const claims: DraftClaim[] = [];
afterEach(() => {
  for (const claim of claims.splice(0)) if (!claim.readOnly) claim.release();
});

async function claim(id: string, environment: ClaimEnvironment) {
  const result = await claimDraft(id, environment);
  claims.push(result);
  return result;
}

const READ_ONLY = { readOnly: true, reason: sentence(DATA_MESSAGES.draftClaimedElsewhere) };

describe('claiming a draft with Web Locks', () => {
  it('lets the first tab edit and opens it read-only in the second, saying why', async () => {
    const locks = new FakeLocks() as unknown as LockManager;
    const first = await claim('d1', { locks });
    expect(first.readOnly).toBe(false);
    expect(await claim('d1', { locks })).toEqual(READ_ONLY);
    expect((await claim('d2', { locks })).readOnly).toBe(false);
  });

  it('hands the draft over once the first tab releases it', async () => {
    const fake = new FakeLocks();
    const locks = fake as unknown as LockManager;
    const first = await claim('d1', { locks });
    if (first.readOnly) throw new Error('expected to edit');
    const released = fake.released('draft:d1');
    first.release();
    await released;
    expect(fake.held.has('draft:d1')).toBe(false);
    expect((await claim('d1', { locks })).readOnly).toBe(false);
  });

  it('falls back to the channel when Web Locks refuse', async () => {
    const locks = { request: () => Promise.reject(new DOMException('no', 'SecurityError')) } as unknown as LockManager;
    expect((await claim('d1', { locks, tabId: 'a', answerWithinMs: 20 })).readOnly).toBe(false);
  });
});

describe('claiming a draft over a BroadcastChannel (no Web Locks)', () => {
  // The holder's answer crosses a real channel: the window must outlast a busy event loop on a
  // loaded machine (40 ms left no room for a stall), yet keep five claims quick.
  const tab = (tabId: string): ClaimEnvironment => ({ locks: undefined, tabId, answerWithinMs: 300 });

  it('opens the draft read-only in a tab that asks after another holds it', async () => {
    expect((await claim('c1', tab('a'))).readOnly).toBe(false);
    expect(await claim('c1', tab('b'))).toEqual(READ_ONLY);
    expect((await claim('c2', tab('b'))).readOnly).toBe(false);
  });

  it('lets exactly one of two tabs asking at once edit', async () => {
    const results = await Promise.all([claim('c3', tab('b')), claim('c3', tab('a'))]);
    expect(results.map((r) => r.readOnly)).toEqual([true, false]);
  });

  it('hands the draft over when the holder releases it', async () => {
    const first = await claim('c4', tab('a'));
    if (first.readOnly) throw new Error('expected to edit');
    first.release();
    expect((await claim('c4', tab('b'))).readOnly).toBe(false);
  });
});
