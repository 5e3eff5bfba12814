import { fileURLToPath } from 'node:url';
import type { ResolvedConfig } from 'vite';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { INCLUDE_EXAMPLES_ENV, thresholdsPlugin } from '../../scripts/thresholds/vite-plugin.ts';

const ROOT = fileURLToPath(new URL('../../thresholds', import.meta.url));

/** The catalogue module the plugin gives the app, as the areas a practitioner is offered. */
async function offeredAreas(command: 'build' | 'serve'): Promise<string[]> {
  const plugin = thresholdsPlugin(ROOT);
  const hook = (handler: unknown) =>
    (typeof handler === 'function' ? handler : (handler as { handler: unknown }).handler) as (
      ...args: unknown[]
    ) => unknown;
  hook(plugin.configResolved)({ command } as ResolvedConfig);
  const code = (await hook(plugin.load).call({}, '\0virtual:thresholds')) as string;
  const catalogue = JSON.parse(/export const catalogue = (.*);/.exec(code)?.[1] ?? '[]') as { id: string }[];
  return catalogue.map((doc) => doc.id).sort();
}

describe('the fictional example document', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('is offered by the dev server', async () => {
    expect(await offeredAreas('serve')).toEqual(['example-three-levels', 'st-helens']);
  });

  it('is left out of a production build', async () => {
    vi.stubEnv(INCLUDE_EXAMPLES_ENV, '');
    expect(await offeredAreas('build')).toEqual(['st-helens']);
  });

  it('stays in a build for the browser tests', async () => {
    vi.stubEnv(INCLUDE_EXAMPLES_ENV, '1');
    expect(await offeredAreas('build')).toEqual(['example-three-levels', 'st-helens']);
  });
});
