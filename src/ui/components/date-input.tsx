import type { ReactNode } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { DATE_FIELDS, type DateField } from '../../domain/assessment/date-parts.ts';
import { fieldId } from './error-summary.tsx';

export interface DateInputError {
  message: string;
  /** Only these boxes are highlighted; the error summary links to the first. */
  fields: readonly DateField[];
}

const LABELS: Record<DateField, string> = { day: 'Day', month: 'Month', year: 'Year' };

/**
 * The GOV.UK date input, in GOV.UK Frontend's markup: a fieldset of three numeric boxes. Each box's
 * id is the field's id and the part ("dateOfBirth-day"), which is where the error summary links.
 */
export function DateInput({
  name,
  legend,
  hint = 'For example, 27 3 2007',
  error,
  register,
  autoComplete,
}: {
  /** The form field holding the three parts, e.g. "dateOfBirth". */
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: DateInputError;
  register(part: DateField): UseFormRegisterReturn;
  /** "bday" for a date of birth, so browsers offer bday-day, bday-month and bday-year. */
  autoComplete?: 'bday';
}) {
  const id = fieldId(name);
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset className="govuk-fieldset" role="group" aria-describedby={describedBy}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        {hint && (
          <div id={`${id}-hint`} className="govuk-hint">
            {hint}
          </div>
        )}
        {error && (
          <p id={`${id}-error`} className="govuk-error-message">
            <span className="govuk-visually-hidden">Error:</span> {error.message}
          </p>
        )}
        <div className="govuk-date-input" id={id}>
          {DATE_FIELDS.map((part) => {
            const partId = `${id}-${part}`;
            const atFault = error?.fields.includes(part) ?? false;
            return (
              <div className="govuk-date-input__item" key={part}>
                <div className="govuk-form-group">
                  <label className="govuk-label govuk-date-input__label" htmlFor={partId}>
                    {LABELS[part]}
                  </label>
                  <input
                    className={`govuk-input govuk-date-input__input govuk-input--width-${part === 'year' ? 4 : 2}${atFault ? ' govuk-input--error' : ''}`}
                    id={partId}
                    type="text"
                    inputMode="numeric"
                    autoComplete={autoComplete ? `${autoComplete}-${part}` : 'off'}
                    spellCheck={false}
                    aria-invalid={atFault || undefined}
                    {...register(part)}
                  />
                </div>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
