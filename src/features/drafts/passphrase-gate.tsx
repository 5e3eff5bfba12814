import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from 'wouter';
import { ErrorSummary, collectErrors } from '../../ui/components/error-summary.tsx';
import { TextField } from '../../ui/components/fields.tsx';
import { Loading } from '../../ui/components/loading.tsx';
import { Page } from '../../ui/components/page.tsx';
import { useDrafts } from '../../ui/drafts/drafts-context.tsx';
import { UnlockThrottledError, WrongPassphraseError } from '../../data/crypto/errors.ts';
import {
  PASSPHRASE_MESSAGES,
  setUpErrorMessage,
  setUpSchema,
  unlockErrorMessage,
  unlockSchema,
} from './passphrase-schemas.ts';
import { PassphraseStrength } from './passphrase-strength.tsx';

/** Shows the page only with the vault open: otherwise sets up a passphrase or unlocks, in place. */
export function PassphraseGate({ children }: { children: ReactNode }) {
  const { store, keyringStatus, vault } = useDrafts();
  if (!store || !keyringStatus) return <Loading />;
  if (!keyringStatus.setUp) return <SetUpPassphrase />;
  if (!vault) return <Unlock />;
  return children;
}

function SetUpPassphrase() {
  const { setUp } = useDrafts();
  const form = useForm({
    shouldFocusError: false,
    resolver: zodResolver(setUpSchema),
    defaultValues: { passphrase: '', confirm: '' },
  });
  const { errors } = form.formState;
  return (
    <Page title="Set a passphrase for this device">
      <p>
        Assessments hold sensitive details about children and families. They are encrypted on this device with a key
        only your passphrase opens.
      </p>
      <p className="govuk-inset-text">
        There is no way to recover a forgotten passphrase: if you forget it, the drafts on this device are deleted. Sent
        referrals are not affected.
      </p>
      <form
        noValidate
        onSubmit={form.handleSubmit(async ({ passphrase }) => {
          try {
            await setUp(passphrase);
          } catch (error) {
            form.setError('passphrase', { message: setUpErrorMessage(error) });
          }
        })}
      >
        <ErrorSummary errors={collectErrors(errors)} attempt={form.formState.submitCount} />
        <TextField
          label="Passphrase"
          hint={PASSPHRASE_MESSAGES.hint}
          error={errors.passphrase?.message}
          registration={form.register('passphrase')}
          type="password"
          autoComplete="new-password"
        />
        <PassphraseStrength control={form.control} name="passphrase" />
        <TextField
          label="Enter the passphrase again"
          error={errors.confirm?.message}
          registration={form.register('confirm')}
          type="password"
          autoComplete="new-password"
        />
        <button className="govuk-button" type="submit" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? 'Setting up…' : 'Set passphrase'}
        </button>
      </form>
    </Page>
  );
}

function Unlock() {
  const { unlock, keyringStatus } = useDrafts();
  const form = useForm({
    shouldFocusError: false,
    resolver: zodResolver(unlockSchema),
    defaultValues: { passphrase: '' },
  });
  /** Seconds before another try is allowed, counted down once a second. */
  const [waitSeconds, setWaitSeconds] = useState(() =>
    keyringStatus?.setUp ? Math.ceil(keyringStatus.retryAfterMs / 1000) : 0,
  );
  useEffect(() => {
    if (waitSeconds <= 0) return;
    const timer = setTimeout(() => setWaitSeconds((seconds) => seconds - 1), 1000);
    return () => clearTimeout(timer);
  }, [waitSeconds]);
  const { errors } = form.formState;
  return (
    <Page title="Unlock to carry on">
      <p>The app locks itself to protect the families' details. Your place in the form is kept.</p>
      <form
        noValidate
        onSubmit={form.handleSubmit(async ({ passphrase }) => {
          try {
            await unlock(passphrase);
          } catch (error) {
            if (error instanceof WrongPassphraseError || error instanceof UnlockThrottledError) {
              setWaitSeconds(Math.ceil(error.retryAfterMs / 1000));
            }
            form.setError('passphrase', { message: unlockErrorMessage(error) });
          }
        })}
      >
        <ErrorSummary errors={collectErrors(errors)} attempt={form.formState.submitCount} />
        <TextField
          label="Passphrase"
          hint="Pasting from a password manager works."
          error={errors.passphrase?.message}
          registration={form.register('passphrase')}
          type="password"
          autoComplete="current-password"
        />
        {waitSeconds > 0 && (
          <p className="govuk-hint" role="status">
            You can try again in {waitSeconds} {waitSeconds === 1 ? 'second' : 'seconds'}.
          </p>
        )}
        <button className="govuk-button" type="submit" disabled={waitSeconds > 0 || form.formState.isSubmitting}>
          {form.formState.isSubmitting ? 'Unlocking…' : 'Unlock'}
        </button>
      </form>
      <p>
        <Link href="~/forgotten-passphrase">I have forgotten my passphrase</Link>
      </p>
    </Page>
  );
}
