import { zodResolver } from '@hookform/resolvers/zod';
import { useFieldArray, useForm, useWatch } from 'react-hook-form';
import { ErrorSummary, collectErrors } from '../../../ui/components/error-summary.tsx';
import { Radios, TextField } from '../../../ui/components/fields.tsx';
import { WizardFrame } from '../../../ui/components/wizard-frame.tsx';
import {
  FAMILY_LIMITS,
  familySchema,
  PARENTAL_RESPONSIBILITY,
  PARENTAL_RESPONSIBILITY_LABELS,
  type ParentCarer,
  YES_NO,
  YES_NO_LABELS,
} from '../../../domain/assessment/family-schema.ts';
import type { Step } from '../../../domain/assessment/steps.ts';
import { useFormAutosave } from '../use-form-autosave.ts';
import { SaveStatus } from '../save-status.tsx';
import { stepHref, useStep } from '../use-step.ts';

/** Its radios start unanswered: the schema asks for them when the form is sent. */
const NEW_PARENT = { name: '', relationship: '' } as ParentCarer;

const YES_NO_OPTIONS = YES_NO.map((value) => ({ value, label: YES_NO_LABELS[value] }));

export function FamilyStep({ step }: { step: Step }) {
  const { draft, steps, decision, update, goNext } = useStep(step);
  const saved = draft.content.family;
  const form = useForm({
    shouldFocusError: false,
    resolver: zodResolver(familySchema),
    defaultValues: {
      nhsNumber: '',
      gpPractice: '',
      homeLanguage: '',
      interpreterLanguage: '',
      ...saved,
      parents: saved.parents.map(({ parentalResponsibility, livesWithChild, ...parent }) => ({
        name: '',
        relationship: '',
        ...parent,
        ...(parentalResponsibility ? { parentalResponsibility } : {}),
        ...(livesWithChild ? { livesWithChild } : {}),
      })),
      professionals: saved.professionals.map((professional) => ({
        name: '',
        role: '',
        agency: '',
        contact: '',
        ...professional,
      })),
    },
  });
  useFormAutosave(form, (content, values) => ({ ...content, family: { ...content.family, ...values } }));
  const parents = useFieldArray({ control: form.control, name: 'parents' });
  const professionals = useFieldArray({ control: form.control, name: 'professionals' });
  const interpreterNeeded = useWatch({ control: form.control, name: 'interpreterNeeded' });
  const { errors } = form.formState;
  return (
    <WizardFrame steps={steps} slug={step.slug} hrefFor={stepHref} decision={decision} status={<SaveStatus />}>
      <form
        noValidate
        onSubmit={form.handleSubmit((family) => {
          update((content) => ({ ...content, family }));
          goNext();
        })}
      >
        <ErrorSummary errors={collectErrors(errors)} attempt={form.formState.submitCount} />
        <p>Answer what you know. Everything on this page is optional.</p>
        <TextField
          label="Child's NHS number (optional)"
          hint="It is 10 digits long, like 943 476 5919"
          error={errors.nhsNumber?.message}
          registration={form.register('nhsNumber')}
          inputMode="numeric"
          width="short"
        />
        <TextField
          label="Child's GP practice (optional)"
          error={errors.gpPractice?.message}
          registration={form.register('gpPractice')}
        />

        <h2>Parents and carers</h2>
        {parents.fields.length === 0 && <p className="govuk-hint">No parents or carers added.</p>}
        {parents.fields.map((field, index) => {
          const itemErrors = errors.parents?.[index];
          return (
            <fieldset className="list-item" key={field.id}>
              <legend className="list-item__legend">Parent or carer {index + 1}</legend>
              <TextField
                label="Full name"
                error={itemErrors?.name?.message}
                registration={form.register(`parents.${index}.name`)}
              />
              <TextField
                label="Relationship to the child"
                hint="For example, mother, stepfather, grandmother or foster carer"
                error={itemErrors?.relationship?.message}
                registration={form.register(`parents.${index}.relationship`)}
              />
              <Radios
                legend="Do they have parental responsibility?"
                error={itemErrors?.parentalResponsibility?.message}
                registration={form.register(`parents.${index}.parentalResponsibility`)}
                options={PARENTAL_RESPONSIBILITY.map((value) => ({
                  value,
                  label: PARENTAL_RESPONSIBILITY_LABELS[value],
                }))}
              />
              <Radios
                legend="Do they live with the child?"
                error={itemErrors?.livesWithChild?.message}
                registration={form.register(`parents.${index}.livesWithChild`)}
                options={YES_NO_OPTIONS}
              />
              <button
                className="govuk-button govuk-button--secondary"
                type="button"
                onClick={() => parents.remove(index)}
              >
                Remove <span className="govuk-visually-hidden">parent or carer {index + 1}</span>
              </button>
            </fieldset>
          );
        })}
        {parents.fields.length < FAMILY_LIMITS.parents && (
          <button
            className="govuk-button govuk-button--secondary"
            type="button"
            onClick={() => parents.append(NEW_PARENT, { shouldFocus: true })}
          >
            {parents.fields.length ? 'Add another parent or carer' : 'Add a parent or carer'}
          </button>
        )}

        <h2>Language</h2>
        <TextField
          label="Language spoken at home (optional)"
          hint="For example, English, Polish or British Sign Language"
          error={errors.homeLanguage?.message}
          registration={form.register('homeLanguage')}
        />
        <Radios
          legend="Does the family need an interpreter? (optional)"
          error={errors.interpreterNeeded?.message}
          registration={form.register('interpreterNeeded')}
          chosen={interpreterNeeded}
          options={[
            {
              value: 'yes',
              label: 'Yes',
              conditional: (
                <TextField
                  label="Which language?"
                  error={errors.interpreterLanguage?.message}
                  registration={form.register('interpreterLanguage')}
                />
              ),
            },
            { value: 'no', label: 'No' },
          ]}
        />

        <h2>Other professionals involved</h2>
        {professionals.fields.length === 0 && <p className="govuk-hint">No other professionals added.</p>}
        {professionals.fields.map((field, index) => {
          const itemErrors = errors.professionals?.[index];
          return (
            <fieldset className="list-item" key={field.id}>
              <legend className="list-item__legend">Professional {index + 1}</legend>
              <TextField
                label="Full name"
                error={itemErrors?.name?.message}
                registration={form.register(`professionals.${index}.name`)}
              />
              <TextField
                label="Role"
                hint="For example, school nurse or social worker"
                error={itemErrors?.role?.message}
                registration={form.register(`professionals.${index}.role`)}
              />
              <TextField
                label="Agency (optional)"
                error={itemErrors?.agency?.message}
                registration={form.register(`professionals.${index}.agency`)}
              />
              <TextField
                label="Phone number or email address (optional)"
                error={itemErrors?.contact?.message}
                registration={form.register(`professionals.${index}.contact`)}
              />
              <button
                className="govuk-button govuk-button--secondary"
                type="button"
                onClick={() => professionals.remove(index)}
              >
                Remove <span className="govuk-visually-hidden">professional {index + 1}</span>
              </button>
            </fieldset>
          );
        })}
        {professionals.fields.length < FAMILY_LIMITS.professionals && (
          <button
            className="govuk-button govuk-button--secondary"
            type="button"
            onClick={() => professionals.append({ name: '', role: '', agency: '', contact: '' }, { shouldFocus: true })}
          >
            {professionals.fields.length ? 'Add another professional' : 'Add a professional'}
          </button>
        )}

        <div>
          <button className="govuk-button" type="submit">
            Continue
          </button>
        </div>
      </form>
    </WizardFrame>
  );
}
