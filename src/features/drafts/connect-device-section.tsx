import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from 'wouter';
import { z } from 'zod';
import { ErrorSummary, collectErrors } from '../../ui/components/error-summary.tsx';
import { TextField } from '../../ui/components/fields.tsx';
import { useDrafts } from '../../ui/drafts/drafts-context.tsx';
import { useSync } from '../../ui/sync/sync-context.tsx';
import { describeDay } from '../../domain/plain-words.ts';
import type { ReasonCode } from '../../domain/sync/reason-codes.ts';
import { SYNC_MESSAGES } from '../../sync/messages.ts';
import { unlockErrorMessage, unlockSchema } from './passphrase-schemas.ts';

const CODE_EXAMPLE = '7KQ2-M9XD-4RTF-0HWC';

const connectSchema = z.object({
  code: z
    .string()
    .trim()
    .min(1, 'Enter the enrolment code from your IT service desk')
    .refine((code) => /^[0-9A-Za-z]{16}$/.test(code.replace(/[\s-]/g, '')), {
      message: `Enter the enrolment code as it was given to you: 16 letters and numbers, like ${CODE_EXAMPLE}`,
    }),
});

function enrolmentError(reason: ReasonCode): string {
  switch (reason) {
    case 'not-enrolled':
    case 'invalid-submission':
      return SYNC_MESSAGES.enrolment.codeRefused;
    case 'rate-limited':
      return SYNC_MESSAGES.enrolment.busy;
    case 'offline':
    case 'server-unavailable':
      return SYNC_MESSAGES.enrolment.unreachable;
    default:
      return SYNC_MESSAGES.enrolment.failed;
  }
}

/** Settings: connect this device to the front door with a one-time enrolment code. */
export function ConnectDeviceSection() {
  const { sync, state } = useSync();
  const { keyringStatus, vault } = useDrafts();
  const [replacing, setReplacing] = useState(false);
  if (!sync) return null;
  const { enrolment } = state;
  let body;
  if (!keyringStatus || !enrolment) body = <p className="govuk-hint">Checking…</p>;
  else if (!keyringStatus.setUp) {
    body = (
      <p>
        The connection is kept encrypted with the passphrase that protects assessments on this device, so set one first:{' '}
        <Link href="~/assessment/new">start an assessment</Link> and the app will ask for it.
      </p>
    );
  } else if (enrolment.enrolled && !replacing) {
    body = (
      <>
        <p role="status">This device has been connected to the front door since {describeDay(enrolment.enrolledAt)}.</p>
        {vault && (
          <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setReplacing(true)}>
            Connect with a new enrolment code
          </button>
        )}
      </>
    );
  } else if (!vault) body = <UnlockToConnect />;
  else body = <ConnectForm onConnected={() => setReplacing(false)} />;
  return (
    <section aria-labelledby="connect-title">
      <h2 id="connect-title">Connect this device to the front door</h2>
      <p>
        Referrals are sent only from a device the front door knows. Your IT service desk gives you a one-time enrolment
        code for this device.
      </p>
      {body}
    </section>
  );
}

function UnlockToConnect() {
  const { unlock } = useDrafts();
  const form = useForm({
    shouldFocusError: false,
    resolver: zodResolver(unlockSchema),
    defaultValues: { passphrase: '' },
  });
  const { errors } = form.formState;
  return (
    <form
      noValidate
      onSubmit={form.handleSubmit(async ({ passphrase }) => {
        try {
          await unlock(passphrase);
        } catch (error) {
          form.setError('passphrase', { message: unlockErrorMessage(error) });
        }
      })}
    >
      <ErrorSummary errors={collectErrors(errors)} attempt={form.formState.submitCount} />
      <p>Unlock to connect this device: the connection is kept encrypted with your passphrase.</p>
      <TextField
        label="Passphrase"
        error={errors.passphrase?.message}
        registration={form.register('passphrase')}
        type="password"
        autoComplete="current-password"
      />
      <button className="govuk-button govuk-button--secondary" type="submit" disabled={form.formState.isSubmitting}>
        Unlock
      </button>
    </form>
  );
}

function ConnectForm({ onConnected }: { onConnected: () => void }) {
  const { sync } = useSync();
  const form = useForm({ shouldFocusError: false, resolver: zodResolver(connectSchema), defaultValues: { code: '' } });
  const { errors } = form.formState;
  return (
    <form
      noValidate
      onSubmit={form.handleSubmit(async ({ code }) => {
        try {
          const result = await sync?.enrol(code);
          if (result?.ok) onConnected();
          else if (result) form.setError('code', { message: enrolmentError(result.reason) });
        } catch {
          form.setError('code', { message: SYNC_MESSAGES.enrolment.failed });
        }
      })}
    >
      <ErrorSummary errors={collectErrors(errors)} attempt={form.formState.submitCount} />
      <TextField
        label="Enrolment code"
        hint={`16 letters and numbers, like ${CODE_EXAMPLE}. It works once.`}
        error={errors.code?.message}
        registration={form.register('code')}
        autoComplete="off"
      />
      <button className="govuk-button" type="submit" disabled={form.formState.isSubmitting}>
        {form.formState.isSubmitting ? 'Connecting…' : 'Connect this device'}
      </button>
    </form>
  );
}
