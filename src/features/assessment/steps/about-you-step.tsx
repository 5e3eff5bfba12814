import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { ErrorSummary, collectErrors } from '../../../ui/components/error-summary.tsx';
import { Radios, TextField } from '../../../ui/components/fields.tsx';
import { WizardFrame } from '../../../ui/components/wizard-frame.tsx';
import { agencyName, isDocumentAgency } from '../../../domain/assessment/agencies.ts';
import { referrerSchema } from '../../../domain/assessment/referral-schema.ts';
import type { Step } from '../../../domain/assessment/steps.ts';
import { useFormAutosave } from '../use-form-autosave.ts';
import { useSavedReferrer } from '../use-saved-referrer.ts';
import { SaveStatus } from '../save-status.tsx';
import { stepHref, useStep } from '../use-step.ts';

export function AboutYouStep({ step }: { step: Step }) {
  const { draft, document, steps, decision, update, goNext } = useStep(step);
  const saved = draft.content.referrer;
  const form = useForm({
    shouldFocusError: false,
    resolver: zodResolver(referrerSchema),
    defaultValues: { name: '', role: '', phone: '', email: '', ...saved, agency: saved.agency },
  });
  useFormAutosave(form, (content, values) => ({ ...content, referrer: { ...content.referrer, ...values } }));
  const { errors } = form.formState;
  const remembered = useSavedReferrer();
  const offer = remembered.saved?.name && !saved.name ? remembered.saved : undefined;
  return (
    <WizardFrame steps={steps} slug={step.slug} hrefFor={stepHref} decision={decision} status={<SaveStatus />}>
      <form
        noValidate
        onSubmit={form.handleSubmit((referrer) => {
          update((content) => ({ ...content, referrer }));
          remembered.keep(referrer);
          goNext();
        })}
      >
        <ErrorSummary errors={collectErrors(errors)} attempt={form.formState.submitCount} />
        <p>The front door needs to know who is referring and how to reach you.</p>
        {offer && (
          <div className="govuk-inset-text">
            <p>
              Your details from your last referral are kept, encrypted, on this device:{' '}
              <strong>
                {[offer.name, offer.role, offer.agency && agencyName(document, offer.agency)]
                  .filter(Boolean)
                  .join(', ')}
              </strong>
              .
            </p>
            <button
              className="govuk-button govuk-button--secondary"
              type="button"
              onClick={() => {
                const { name = '', role = '', phone = '', email = '', agency } = offer;
                form.reset({
                  name,
                  role,
                  phone,
                  email,
                  ...(agency && isDocumentAgency(document, agency) ? { agency } : {}),
                });
                update((content) => ({ ...content, referrer: form.getValues() }));
              }}
            >
              Use these details
            </button>
          </div>
        )}
        <TextField
          label="Your full name"
          error={errors.name?.message}
          registration={form.register('name')}
          autoComplete="name"
        />
        <TextField
          label="Your role"
          hint="For example, health visitor, designated safeguarding lead or police constable"
          error={errors.role?.message}
          registration={form.register('role')}
          autoComplete="organization-title"
        />
        <Radios
          legend="Which agency do you work for?"
          error={errors.agency?.message}
          registration={form.register('agency')}
          options={document.agencies.map((agency) => ({ value: agency.id, label: agency.name }))}
        />
        <TextField
          label="Phone number"
          hint="The front door may call you back the same day"
          error={errors.phone?.message}
          registration={form.register('phone')}
          type="tel"
          inputMode="tel"
          autoComplete="tel"
        />
        <TextField
          label="Work email address (optional)"
          error={errors.email?.message}
          registration={form.register('email')}
          type="email"
          inputMode="email"
          autoComplete="email"
        />
        <button className="govuk-button" type="submit">
          Continue
        </button>
      </form>
    </WizardFrame>
  );
}
