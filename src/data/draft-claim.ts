/**
 * Who may edit a draft when it is open in two tabs. Nothing is stored: the claim lives in the
 * browser's Web Locks (`draft:<id>`, released when the tab closes or crashes), or, where Web Locks
 * are missing, in a BroadcastChannel conversation. The first tab to claim a draft edits it; any
 * other gets `{ readOnly: true, reason }` and should show the reason. Revisions (DraftConflictError)
 * still guard every save, so even a race here never overwrites silently.
 */
import { DATA_MESSAGES, sentence } from './messages.ts';

export type DraftClaim = { readOnly: false; release(): void } | { readOnly: true; reason: string };

export interface ClaimEnvironment {
  /** `navigator.locks` by default; undefined falls back to the channel. */
  locks?: LockManager | undefined;
  openChannel?: (name: string) => BroadcastChannel;
  /** Identifies this tab in the channel fallback; the lower id wins a simultaneous claim. */
  tabId?: string;
  /** How long the channel fallback waits for another tab to say it holds the draft. */
  answerWithinMs?: number;
}

export const CLAIM_CHANNEL = 'levels-of-need:draft-claims';
export const CLAIM_ANSWER_WITHIN_MS = 200;
const thisTab = crypto.randomUUID();

const readOnly = (): DraftClaim => ({ readOnly: true, reason: sentence(DATA_MESSAGES.draftClaimedElsewhere) });

/** Claims draft `draftId` for editing until `release()` is called or the tab goes away. */
export async function claimDraft(draftId: string, environment: ClaimEnvironment = {}): Promise<DraftClaim> {
  const locks = 'locks' in environment ? environment.locks : globalThis.navigator?.locks;
  if (locks) {
    try {
      return await claimWithLocks(locks, `draft:${draftId}`);
    } catch {
      // Web Locks can be present but refused (e.g. in some sandboxed frames): fall back to the channel.
    }
  }
  const openChannel = environment.openChannel ?? ((name: string) => new BroadcastChannel(name));
  return claimWithChannel(
    draftId,
    openChannel(CLAIM_CHANNEL),
    environment.tabId ?? thisTab,
    environment.answerWithinMs ?? CLAIM_ANSWER_WITHIN_MS,
  );
}

function claimWithLocks(locks: LockManager, name: string): Promise<DraftClaim> {
  return new Promise<DraftClaim>((resolve, reject) => {
    locks
      .request(name, { ifAvailable: true }, (lock) => {
        if (!lock) {
          resolve(readOnly());
          return undefined;
        }
        // The lock is held until this promise settles, i.e. until release().
        return new Promise<void>((release) => resolve({ readOnly: false, release: () => release() }));
      })
      .catch(reject);
  });
}

type ClaimMessage = { type: 'who-has' | 'held'; draftId: string; tabId: string };

const isClaimMessage = (value: unknown): value is ClaimMessage =>
  typeof value === 'object' &&
  value !== null &&
  ['who-has', 'held'].includes((value as ClaimMessage).type) &&
  typeof (value as ClaimMessage).draftId === 'string' &&
  typeof (value as ClaimMessage).tabId === 'string';

async function claimWithChannel(
  draftId: string,
  channel: BroadcastChannel,
  tabId: string,
  answerWithinMs: number,
): Promise<DraftClaim> {
  const claim: { state: 'asking' | 'held' | 'lost' } = { state: 'asking' };
  channel.onmessage = (event: MessageEvent) => {
    const message: unknown = event.data;
    if (!isClaimMessage(message) || message.draftId !== draftId || message.tabId === tabId) return;
    if (message.type === 'held') {
      if (claim.state === 'asking') claim.state = 'lost';
    } else if (claim.state === 'held') {
      channel.postMessage({ type: 'held', draftId, tabId } satisfies ClaimMessage);
    } else if (claim.state === 'asking' && message.tabId < tabId) {
      claim.state = 'lost'; // two tabs asking at once: the lower id wins
    }
  };
  channel.postMessage({ type: 'who-has', draftId, tabId } satisfies ClaimMessage);
  await new Promise((resolve) => setTimeout(resolve, answerWithinMs));
  if (claim.state === 'lost') {
    channel.close();
    return readOnly();
  }
  claim.state = 'held';
  return { readOnly: false, release: () => channel.close() };
}
