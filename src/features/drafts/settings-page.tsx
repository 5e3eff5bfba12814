import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from 'wouter';
import { z } from 'zod';
import { ErrorSummary, collectErrors } from '../../ui/components/error-summary.tsx';
import { Radios, TextField } from '../../ui/components/fields.tsx';
import { Page } from '../../ui/components/page.tsx';
import { useDrafts } from '../../ui/drafts/drafts-context.tsx';
import {
  PassphraseTooShortError,
  PassphraseTooWeakError,
  UnlockThrottledError,
  WrongPassphraseError,
} from '../../data/crypto/errors.ts';
import { StoragePersistence, type StorageReport } from '../../data/storage-persistence.ts';
import { describeStorageUse } from '../../domain/plain-words.ts';
import { ConnectDeviceSection } from './connect-device-section.tsx';
import { idleLockMinutes, setIdleLockMinutes } from './idle-lock.tsx';
import { changePassphraseSchema, PASSPHRASE_MESSAGES, setUpErrorMessage } from './passphrase-schemas.ts';
import { PassphraseStrength } from './passphrase-strength.tsx';

export default function SettingsPage() {
  return (
    <Page title="Settings">
      <StorageSection />
      <ConnectDeviceSection />
      <LockSection />
      <ChangePassphraseSection />
      <h2>Forgotten your passphrase?</h2>
      <p>
        <Link href="/forgotten-passphrase">Delete everything on this device and start again</Link>
      </p>
    </Page>
  );
}

function StorageSection() {
  const [report, setReport] = useState<StorageReport>();
  useEffect(() => {
    void new StoragePersistence().report().then(setReport);
  }, []);
  return (
    <section aria-labelledby="storage-title">
      <h2 id="storage-title">Storage on this device</h2>
      {!report ? (
        <p className="govuk-hint">Checking…</p>
      ) : (
        <dl className="summary-list">
          <div>
            <dt>Protected from clearing</dt>
            <dd>
              {!report.supported || report.persisted === null
                ? 'This browser cannot say.'
                : report.persisted
                  ? 'Yes: the browser will not clear saved assessments to free space.'
                  : 'No: the browser may clear saved assessments if the device runs short of space. On an iPad or iPhone, add this app to the Home Screen.'}
            </dd>
          </div>
          {report.usageBytes != null && report.quotaBytes != null && (
            <div>
              <dt>Space used</dt>
              <dd>{describeStorageUse(report.usageBytes, report.quotaBytes)}, the space the browser allows this app</dd>
            </div>
          )}
        </dl>
      )}
    </section>
  );
}

const lockSchema = z.object({ minutes: z.enum(['5', '10', '15', '30'], { error: 'Select when the app should lock' }) });

function LockSection() {
  const [saved, setSaved] = useState(false);
  const form = useForm({
    shouldFocusError: false,
    resolver: zodResolver(lockSchema),
    defaultValues: { minutes: String(idleLockMinutes()) as '15' },
  });
  return (
    <section aria-labelledby="lock-title">
      <h2 id="lock-title">Locking</h2>
      <form
        noValidate
        onSubmit={form.handleSubmit(({ minutes }) => {
          setIdleLockMinutes(Number(minutes));
          setSaved(true);
        })}
      >
        <Radios
          legend="Lock the app after it has not been used for"
          hint="You are warned a minute before, with a button to stay unlocked."
          error={form.formState.errors.minutes?.message}
          registration={form.register('minutes')}
          options={['5', '10', '15', '30'].map((value) => ({ value, label: `${value} minutes` }))}
        />
        <button className="govuk-button govuk-button--secondary" type="submit">
          Save locking setting
        </button>
        {saved && <p role="status">Saved. It applies from the next time the app unlocks.</p>}
      </form>
    </section>
  );
}

function ChangePassphraseSection() {
  const { store, keyringStatus } = useDrafts();
  const [done, setDone] = useState(false);
  const form = useForm({
    shouldFocusError: false,
    resolver: zodResolver(changePassphraseSchema),
    defaultValues: { current: '', next: '', confirm: '' },
  });
  if (!store || !keyringStatus?.setUp) return null;
  const { errors } = form.formState;
  return (
    <section aria-labelledby="passphrase-title">
      <h2 id="passphrase-title">Change your passphrase</h2>
      <form
        noValidate
        onSubmit={form.handleSubmit(async ({ current, next }) => {
          try {
            await store.keyring.changePassphrase(current, next);
            form.reset();
            setDone(true);
          } catch (error) {
            if (error instanceof PassphraseTooShortError || error instanceof PassphraseTooWeakError) {
              form.setError('next', { message: setUpErrorMessage(error) });
              return;
            }
            form.setError('current', {
              message:
                error instanceof WrongPassphraseError
                  ? 'That is not your current passphrase. Check it and try again.'
                  : error instanceof UnlockThrottledError
                    ? PASSPHRASE_MESSAGES.throttled
                    : 'The passphrase could not be changed. Try again.',
            });
          }
        })}
      >
        <ErrorSummary errors={collectErrors(errors)} attempt={form.formState.submitCount} />
        <TextField
          label="Current passphrase"
          error={errors.current?.message}
          registration={form.register('current')}
          type="password"
          autoComplete="current-password"
        />
        <TextField
          label="New passphrase"
          hint={PASSPHRASE_MESSAGES.hint}
          error={errors.next?.message}
          registration={form.register('next')}
          type="password"
          autoComplete="new-password"
        />
        <PassphraseStrength control={form.control} name="next" />
        <TextField
          label="New passphrase again"
          error={errors.confirm?.message}
          registration={form.register('confirm')}
          type="password"
          autoComplete="new-password"
        />
        <button className="govuk-button govuk-button--secondary" type="submit">
          Change passphrase
        </button>
        {done && <p role="status">Your passphrase has been changed. Your drafts are unchanged.</p>}
      </form>
    </section>
  );
}
