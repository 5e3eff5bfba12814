/**
 * The drafts store (src/data): an autosave (change → committed, encrypted transaction) for a
 * realistic referral, unlocking at the default KDF cost, and listing 1,000 drafts. These run on
 * fake-indexeddb in Node, which is neither a browser's IndexedDB nor its disk: read them as the
 * cost of our own code (encryption, validation, Dexie), not as a tablet's figure.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { fileURLToPath } from 'node:url';
import { DEFAULT_ARGON2ID } from '../../src/data/crypto/kdf.ts';
import { AppDatabase } from '../../src/data/database.ts';
import { DexieDraftStore } from '../../src/data/dexie-draft-store.ts';
import { encodeSave, type EditableDraft } from '../../src/data/draft-codec.ts';
import type { DraftContent } from '../../src/domain/assessment/draft.ts';
import type { ThresholdsDocument } from '../../src/domain/thresholds/schema.ts';
import { loadDocuments } from '../thresholds/load-documents.ts';
import { benchDraftsInBrowser } from './drafts-browser.ts';
import { fixed, median, percentile, printSection, seededRandom, timeMs } from './measure.ts';

const ROOT = fileURLToPath(new URL('../../thresholds', import.meta.url));
const AUTOSAVES = 300;
const LISTED_DRAFTS = 1_000;
const PASSPHRASE = 'bench passphrase, not a real one';

const text = (random: () => number, length: number) => {
  const words = ['mum', 'school', 'visit', 'worried', 'tired', 'bruise', 'late', 'food', 'sleep', 'help', 'said'];
  let out = '';
  while (out.length < length) out += `${words[Math.floor(random() * words.length)]} `;
  return out.slice(0, length);
};

/** 50 indicators and about 5 KB of free text across the referral's fields. */
export function realisticContent(document: ThresholdsDocument): DraftContent {
  const random = seededRandom(5);
  const ids = document.domains.flatMap((domain) => domain.indicators.map((indicator) => indicator.id));
  return {
    referrer: { name: 'Alex Example', role: 'Health visitor', agency: 'health-visitor', phone: '01744 000000' },
    concern: { ageBand: document.ageBands[0]?.id ?? '', reason: text(random, 1100) },
    family: { parents: [], professionals: [] },
    child: {
      firstName: 'Sam',
      lastName: 'Example',
      dateOfBirth: '2024-01-01',
      gender: 'unknown',
      address: text(random, 120),
      household: text(random, 400),
    },
    consent: { parentsAware: 'yes', consent: 'given' },
    indicators: ids.slice(0, 50),
    strengths: text(random, 1500),
    childVoice: text(random, 1200),
    tried: text(random, 800),
    override: { agrees: 'yes' },
  };
}

const openBenchDatabase = (label: string) =>
  new AppDatabase({ name: `bench-${label}-${crypto.randomUUID()}`, indexedDB, IDBKeyRange });

export async function benchDrafts(): Promise<void> {
  const document = (await loadDocuments(ROOT, { withCases: false }))
    .flatMap((entry) => entry.document ?? [])
    .find((doc) => doc.id === 'st-helens');
  if (!document) throw new Error('the St Helens document did not compile');
  const content = realisticContent(document);
  const freeTextBytes = new TextEncoder().encode(
    [
      content.concern.reason,
      content.child.address,
      content.child.household,
      content.strengths,
      content.childVoice,
      content.tried,
    ].join(''),
  ).length;

  // Autosave: one keystroke's change, then the save the UI awaits before showing "Saved".
  const db = openBenchDatabase('autosave');
  const store = new DexieDraftStore(db, { keyring: { iterations: 1_000 } });
  const vault = await store.keyring.setUp(PASSPHRASE);
  let draft: EditableDraft = await store.create({ mode: 'referral', document, step: 'tried', content }, vault);
  const saves: number[] = [];
  const seals: number[] = [];
  for (let i = 0; i < AUTOSAVES; i++) {
    const edited = { ...draft, content: { ...draft.content, tried: `${content.tried.slice(0, 790)}${i}` } };
    seals.push(await timeMs(() => encodeSave(edited, vault, new Date())));
    saves.push(await timeMs(async () => (draft = await store.save(edited, vault))));
  }
  saves.sort((a, b) => a - b);
  seals.sort((a, b) => a - b);

  // Unlock at the shipped cost.
  const unlockDb = openBenchDatabase('unlock');
  const unlockStore = new DexieDraftStore(unlockDb);
  await unlockStore.keyring.setUp(PASSPHRASE);
  const unlocks: number[] = [];
  for (let run = 0; run < 3; run++) unlocks.push(await timeMs(() => unlockStore.keyring.unlock(PASSPHRASE)));

  // The drafts list, with 1,000 full-size drafts on the device.
  const listDb = openBenchDatabase('list');
  const listStore = new DexieDraftStore(listDb, { keyring: { iterations: 1_000 } });
  const listVault = await listStore.keyring.setUp(PASSPHRASE);
  for (let i = 0; i < LISTED_DRAFTS; i++) {
    await listStore.create({ mode: 'referral', document, step: 'tried', content }, listVault);
  }
  const lists: number[] = [];
  for (let run = 0; run < 5; run++) lists.push(await timeMs(() => listStore.listSummaries()));

  printSection('Drafts store (fake-indexeddb in Node: not a browser figure; measure on a tablet later)', [
    { name: 'realistic draft', value: `50 indicators, ${(freeTextBytes / 1024).toFixed(1)} KB of free text` },
    {
      name: 'autosave → committed p50',
      value: `${fixed(percentile(saves, 50))} ms`,
      note: `${AUTOSAVES} saves, with encryption; goal ≤ 50 ms p95`,
    },
    { name: 'autosave → committed p95', value: `${fixed(percentile(saves, 95))} ms` },
    {
      name: '  validate + seal alone p50',
      value: `${fixed(percentile(seals, 50))} ms`,
      note: '9 AES-GCM sections, WebCrypto',
    },
    {
      name: 'unlock (median of 3)',
      value: `${fixed(median(unlocks), 0)} ms`,
      note: `Argon2id ${DEFAULT_ARGON2ID.memoryKiB} KiB, t=${DEFAULT_ARGON2ID.passes}, hash-wasm in Node; browser: npm run bench:unlock`,
    },
    {
      name: `list ${LISTED_DRAFTS.toLocaleString('en-GB')} drafts (median of 5)`,
      value: `${fixed(median(lists), 1)} ms`,
      note: 'listSummaries(), no key; goal ≤ 200 ms',
    },
  ]);
  for (const each of [db, unlockDb, listDb]) each.close();

  await benchDraftsInBrowser(document, content);
}
