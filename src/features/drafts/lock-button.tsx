import { useDrafts } from '../../ui/drafts/drafts-context.tsx';

/** Lock now: for handing the tablet to someone, or leaving it in the car. */
export function LockButton() {
  const { vault, lock } = useDrafts();
  if (!vault) return null;
  return (
    <button type="button" className="app-header__button" onClick={() => void lock()}>
      Lock
    </button>
  );
}
