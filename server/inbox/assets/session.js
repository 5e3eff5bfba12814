/*
 * The inbox signs staff out after a spell without activity. This warns two minutes ahead and lets
 * them stay signed in with one action (WCAG 2.2.1), and counts typing as activity, so a long note
 * is not lost. Without this script the pages work the same, without the warning.
 * A file of its own: the Content-Security-Policy allows no inline script.
 */
/* global document, window, HTMLDialogElement, HTMLFormElement */
(() => {
  const dialog = document.getElementById('session-timeout');
  if (!(dialog instanceof HTMLDialogElement) || typeof dialog.showModal !== 'function') return;
  const form = dialog.querySelector('form');
  if (!(form instanceof HTMLFormElement)) return;
  const idleMs = Number(dialog.dataset.idleSeconds) * 1000;
  const warningMs = Number(dialog.dataset.warningSeconds) * 1000;
  const TYPING_EXTENDS_AFTER_MS = 5 * 60 * 1000;
  let warnTimer = 0;
  let endTimer = 0;
  let lastExtended = Date.now();

  const schedule = () => {
    window.clearTimeout(warnTimer);
    window.clearTimeout(endTimer);
    warnTimer = window.setTimeout(() => dialog.showModal(), idleMs - warningMs);
    endTimer = window.setTimeout(() => window.location.assign('/inbox'), idleMs);
  };

  const extend = async () => {
    lastExtended = Date.now();
    const response = await fetch(form.action, {
      method: 'POST',
      body: new URLSearchParams(new FormData(form)),
      credentials: 'same-origin',
    }).catch(() => undefined);
    if (response && response.ok) {
      schedule();
      return true;
    }
    return false;
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (await extend()) dialog.close();
    else window.location.assign('/inbox');
  });

  document.addEventListener('input', () => {
    if (Date.now() - lastExtended > TYPING_EXTENDS_AFTER_MS) void extend();
  });

  schedule();
})();
