import { describe, expect, it } from 'vitest';
import { createUpdateController, type UpdateEffects } from '../../src/pwa/update-controller.ts';

/** Effects that record what happened, in order. */
function fakeEffects(overrides: Partial<UpdateEffects> = {}) {
  const calls: string[] = [];
  const effects: UpdateEffects = {
    saveEverythingNow: async () => void calls.push('save'),
    hasOpenWork: () => true,
    describeSaveError: () => 'This device has run out of space.',
    activateWaitingWorker: async () => {
      calls.push('activate');
      return true;
    },
    rememberUpdate: (note) => void calls.push(`remember ${JSON.stringify(note)}`),
    reload: () => void calls.push('reload'),
    ...overrides,
  };
  return { calls, effects };
}

describe('taking a new version of the app', () => {
  it('offers the update and does nothing else until it is accepted', () => {
    const { calls, effects } = fakeEffects();
    const controller = createUpdateController(effects);
    controller.offerUpdate();
    expect(controller.store.get()).toEqual({ kind: 'waiting' });
    expect(calls).toEqual([]);
  });

  it('saves everything, then activates the new version, then reloads once', async () => {
    const { calls, effects } = fakeEffects();
    const controller = createUpdateController(effects);
    controller.offerUpdate();
    await controller.accept();
    expect(calls).toEqual(['save', 'remember {"savedOpenWork":true}', 'activate', 'reload']);
    expect(controller.store.get()).toEqual({ kind: 'reloading' });
  });

  it('does not activate or reload when saving fails, and says why', async () => {
    const { calls, effects } = fakeEffects({
      saveEverythingNow: async () => {
        throw new DOMException('disk full', 'QuotaExceededError');
      },
    });
    const controller = createUpdateController(effects);
    controller.offerUpdate();
    await controller.accept();
    expect(calls).toEqual([]);
    expect(controller.store.get()).toEqual({ kind: 'save-failed', reason: 'This device has run out of space.' });
  });

  it('can be tried again after a failed save', async () => {
    let attempts = 0;
    const { calls, effects } = fakeEffects({
      saveEverythingNow: async () => {
        attempts += 1;
        if (attempts === 1) throw new Error('busy');
      },
    });
    const controller = createUpdateController(effects);
    controller.offerUpdate();
    await controller.accept();
    await controller.accept();
    expect(calls).toEqual(['remember {"savedOpenWork":true}', 'activate', 'reload']);
  });

  it('reloads only once however often "Update now" is pressed', async () => {
    const { calls, effects } = fakeEffects();
    const controller = createUpdateController(effects);
    controller.offerUpdate();
    await Promise.all([controller.accept(), controller.accept(), controller.accept()]);
    await controller.accept();
    expect(calls.filter((call) => call === 'reload')).toEqual(['reload']);
  });

  it('does not reload when the new version does not take over in time', async () => {
    const { calls, effects } = fakeEffects({ activateWaitingWorker: async () => false });
    const controller = createUpdateController(effects);
    controller.offerUpdate();
    await controller.accept();
    expect(calls).not.toContain('reload');
    expect(controller.store.get()).toEqual({ kind: 'stalled' });
  });

  it('offers a reload, never forces one, when another tab took the update', async () => {
    const { calls, effects } = fakeEffects();
    const controller = createUpdateController(effects);
    controller.offerUpdate();
    controller.controllerChanged();
    expect(controller.store.get()).toEqual({ kind: 'updated-elsewhere' });
    expect(calls).toEqual([]);
    await controller.accept();
    expect(calls).toEqual(['save', 'remember {"savedOpenWork":true}', 'reload']);
  });

  it('ignores the change of worker that its own update causes', async () => {
    const { effects } = fakeEffects();
    const controller = createUpdateController(effects);
    let takeOver: (tookOver: boolean) => void = () => undefined;
    effects.activateWaitingWorker = () => new Promise((resolve) => (takeOver = resolve));
    controller.offerUpdate();
    const accepting = controller.accept();
    await Promise.resolve();
    await Promise.resolve();
    controller.controllerChanged();
    takeOver(true);
    await accepting;
    expect(controller.store.get()).toEqual({ kind: 'reloading' });
  });

  it('after the reload, says the app was updated and whether open work was saved first', () => {
    const controller = createUpdateController(fakeEffects().effects);
    controller.restore({ savedOpenWork: false }, '0.2.0');
    expect(controller.store.get()).toEqual({ kind: 'updated', version: '0.2.0', savedOpenWork: false });
    controller.dismiss();
    expect(controller.store.get()).toEqual({ kind: 'none' });
  });
});
