import { useEffect, useRef, useState } from 'react';
import { useDrafts } from '../../ui/drafts/drafts-context.tsx';

export const DEFAULT_IDLE_LOCK_MINUTES = 15;
/** WCAG 2.2.1: warn long enough ahead for anyone to act, with one action to stay. */
export const LOCK_WARNING_MS = 60_000;
const IDLE_MINUTES_KEY = 'levels-of-need.idle-lock-minutes';
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'input', 'wheel', 'touchstart'] as const;

export function idleLockMinutes(): number {
  try {
    const stored = Number(localStorage.getItem(IDLE_MINUTES_KEY));
    return Number.isFinite(stored) && stored >= 2 && stored <= 60 ? stored : DEFAULT_IDLE_LOCK_MINUTES;
  } catch {
    return DEFAULT_IDLE_LOCK_MINUTES;
  }
}

export function setIdleLockMinutes(minutes: number) {
  localStorage.setItem(IDLE_MINUTES_KEY, String(minutes));
}

/**
 * While the vault is open: after a quiet spell, warn for a minute with one button to stay, then
 * save everything and lock, dropping the key.
 */
export function IdleLock({ idleMs = idleLockMinutes() * 60_000 }: { idleMs?: number }) {
  const { vault, lock } = useDrafts();
  /** Seconds left before locking, while the warning shows. */
  const [secondsLeft, setSecondsLeft] = useState<number>();
  const lastActivity = useRef(0);

  useEffect(() => {
    if (!vault) return;
    lastActivity.current = Date.now();
    const onActivity = () => {
      lastActivity.current = Date.now();
    };
    for (const event of ACTIVITY_EVENTS) window.addEventListener(event, onActivity, { passive: true, capture: true });
    const timer = setInterval(() => {
      const idle = Date.now() - lastActivity.current;
      if (idle >= idleMs) {
        setSecondsLeft(undefined);
        void lock();
      } else if (idle >= idleMs - LOCK_WARNING_MS) {
        setSecondsLeft(Math.ceil((idleMs - idle) / 1000));
      } else {
        setSecondsLeft(undefined);
      }
    }, 1000);
    return () => {
      clearInterval(timer);
      for (const event of ACTIVITY_EVENTS) window.removeEventListener(event, onActivity, { capture: true });
    };
  }, [vault, idleMs, lock]);

  if (!vault || secondsLeft === undefined) return null;
  return (
    <div
      className="lock-warning"
      role="alertdialog"
      aria-labelledby="lock-warning-title"
      aria-describedby="lock-warning-text"
    >
      <h2 id="lock-warning-title" className="lock-warning__title">
        The app will lock soon
      </h2>
      <p id="lock-warning-text">
        To protect families' details, the app locks after {Math.round(idleMs / 60_000)} minutes without use. Your work
        is saved. <span aria-hidden="true">Locking in {secondsLeft} seconds.</span>
      </p>
      <button
        type="button"
        className="govuk-button"
        autoFocus
        onClick={() => {
          lastActivity.current = Date.now();
          setSecondsLeft(undefined);
        }}
      >
        Stay unlocked
      </button>
    </div>
  );
}
