/**
 * The front door inbox's stylesheet, compiled from Sass (server/inbox/styles/inbox.scss, which
 * shares the app's GOV.UK Frontend base) into server/inbox/assets/inbox.css, the file the server
 * reads. `npm run build` writes it (the Vite plugin below); the server tests write it in their
 * global setup. The compiled file is not committed.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compile } from 'sass';
import type { Plugin } from 'vite';

const SOURCE = fileURLToPath(new URL('../../server/inbox/styles/inbox.scss', import.meta.url));
export const INBOX_STYLESHEET_FILE = fileURLToPath(new URL('../../server/inbox/assets/inbox.css', import.meta.url));
const NODE_MODULES = fileURLToPath(new URL('../../node_modules', import.meta.url));

export function buildInboxStylesheet(): void {
  // quietDeps: GOV.UK Frontend's own deprecation notices are for its maintainers, not ours.
  const { css } = compile(SOURCE, { style: 'compressed', loadPaths: [NODE_MODULES], quietDeps: true });
  writeFileSync(INBOX_STYLESHEET_FILE, `${css}\n`);
}

/** Writes the inbox's stylesheet on every production build, beside the app's. */
export function inboxStylesheetPlugin(): Plugin {
  return { name: 'inbox-stylesheet', apply: 'build', buildStart: () => buildInboxStylesheet() };
}
