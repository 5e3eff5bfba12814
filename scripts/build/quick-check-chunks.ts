/**
 * Fewer, larger chunks on the way to the quick check's first question, the app's first action.
 * Rolldown splits out every module the start page shares with a lazy chunk (React, the JSX
 * runtime, the drafts summaries), so the start page took seven requests where one script and its
 * stylesheet would do; and the first question came in four more. On a busy server each request
 * waits its turn, so the start page's modules all go into the entry chunk, and the first
 * question's into one chunk of its own (the assessment and browsing, which share some of its
 * modules, load it too: it is on the device by then). Drafts, crypto and sync code stays in its
 * own chunks (tests/e2e/start-page.spec.ts).
 *
 * Both scripts also carry V8's compile hint (`//# allFunctionsCalledOnLoad`, Chrome 136 on;
 * others ignore it): nearly all their code runs before the first question shows, so V8 compiles
 * it on a background thread as it streams in rather than function by function on the main thread.
 */
import type { Plugin, Rollup } from 'vite';
import { compressedCopies } from './precompressed-copies.ts';

/** The quick check's entry: its group also takes every module it imports statically. */
const QUICK_CHECK_ENTRY = /src[\\/]features[\\/]quick-check[\\/]index\.tsx$/;

/** Rolldown's runtime: a static import of the entry, so on the page before any lazy chunk. */
const RUNTIME_CHUNK = /(^|\/)rolldown-runtime-[\w-]+\.js$/;

const COMPILE_HINT = '//# allFunctionsCalledOnLoad\n';
const onTheWayToTheFirstQuestion = (chunk: Rollup.OutputChunk) => chunk.isEntry || chunk.name === 'quick-check';

/**
 * The hint must be a script's first line, and Vite writes its preload map there in the same hook
 * that makes the compressed copies (precompressed-copies.ts): so it goes in last, and those two
 * scripts' copies are made again, at the same settings.
 */
function addCompileHints(bundle: Rollup.OutputBundle) {
  for (const chunk of Object.values(bundle)) {
    if (chunk.type !== 'chunk' || !onTheWayToTheFirstQuestion(chunk)) continue;
    chunk.code = COMPILE_HINT + chunk.code;
    const copies = compressedCopies(Buffer.from(chunk.code));
    for (const [extension, source] of Object.entries(copies)) {
      const copy = bundle[`${chunk.fileName}.${extension}`];
      if (copy?.type === 'asset') copy.source = source;
    }
  }
}

export function quickCheckChunks(): Plugin {
  return {
    name: 'levels-of-need:quick-check-chunks',
    apply: 'build',
    generateBundle: { order: 'post', handler: (_options, bundle) => addCompileHints(bundle) },
    config: () => ({
      build: {
        modulePreload: {
          // A chunk that needs nothing the page lacks comes with its import() alone: a preload link
          // for it would cost the start page's render a DOM insertion (a fifth of it, at 4x CPU).
          resolveDependencies: (filename, deps, { hostType }) =>
            hostType === 'js' && deps.every((dep) => dep === filename || RUNTIME_CHUNK.test(dep)) ? [] : deps,
        },
        rolldownOptions: {
          output: {
            codeSplitting: {
              groups: [
                // '$initial': statically imported by the entry; a group of them joins the entry chunk.
                { name: 'start', tags: ['$initial'] },
                { name: 'quick-check', test: QUICK_CHECK_ENTRY },
              ],
            },
          },
        },
      },
    }),
  };
}
