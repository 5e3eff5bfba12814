import type { ReactNode } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { fieldId } from './error-summary.tsx';

interface FieldProps {
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  registration: UseFormRegisterReturn;
}

function describedBy(id: string, hint: unknown, error: unknown) {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

function Hint({ id, hint }: { id: string; hint?: ReactNode }) {
  return hint ? (
    <div id={`${id}-hint`} className="govuk-hint">
      {hint}
    </div>
  ) : null;
}

function ErrorMessage({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p id={`${id}-error`} className="govuk-error-message">
      <span className="govuk-visually-hidden">Error:</span> {error}
    </p>
  ) : null;
}

export function TextField({
  label,
  hint,
  error,
  registration,
  type = 'text',
  autoComplete,
  inputMode,
  width,
}: FieldProps & {
  type?: string;
  autoComplete?: string;
  inputMode?: 'tel' | 'email' | 'text' | 'numeric';
  width?: 'short';
}) {
  const id = fieldId(registration.name);
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label className="govuk-label" htmlFor={id}>
        {label}
      </label>
      <Hint id={id} hint={hint} />
      <ErrorMessage id={id} error={error} />
      <input
        id={id}
        className={`govuk-input${width ? ' govuk-input--width-10' : ''}`}
        type={type}
        autoComplete={autoComplete ?? 'off'}
        inputMode={inputMode}
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...registration}
      />
    </div>
  );
}

export function TextArea({ label, hint, error, registration, rows = 6 }: FieldProps & { rows?: number }) {
  const id = fieldId(registration.name);
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label className="govuk-label" htmlFor={id}>
        {label}
      </label>
      <Hint id={id} hint={hint} />
      <ErrorMessage id={id} error={error} />
      <textarea
        id={id}
        className="govuk-textarea"
        rows={rows}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...registration}
      />
    </div>
  );
}

export interface Option {
  value: string;
  label: ReactNode;
  hint?: ReactNode;
  /** GOV.UK conditional reveal: shown under this option only while it is chosen. */
  conditional?: ReactNode;
}

/** GOV.UK radios: the error links to the first option, which is what the summary focuses. */
export function Radios({
  legend,
  hint,
  error,
  registration,
  options,
  chosen,
}: Omit<FieldProps, 'label'> & {
  legend: ReactNode;
  options: readonly Option[];
  /** The chosen value, needed only when an option has a conditional reveal. */
  chosen?: string | null;
}) {
  const id = fieldId(registration.name);
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy(id, hint, error)}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        <Hint id={id} hint={hint} />
        <ErrorMessage id={id} error={error} />
        <div className="govuk-radios">
          {options.map((option, index) => {
            const optionId = index === 0 ? id : `${id}-${option.value}`;
            const revealed = option.conditional !== undefined && chosen === option.value;
            return (
              <div className="radios__option" key={option.value}>
                <div className="govuk-radios__item">
                  <input
                    className="govuk-radios__input"
                    id={optionId}
                    type="radio"
                    value={option.value}
                    aria-controls={option.conditional !== undefined ? `${optionId}-conditional` : undefined}
                    {...registration}
                  />
                  <label className="govuk-label govuk-radios__label" htmlFor={optionId}>
                    {option.label}
                  </label>
                  {option.hint && <div className="govuk-hint govuk-radios__hint">{option.hint}</div>}
                </div>
                {option.conditional !== undefined && (
                  <div className="govuk-radios__conditional" id={`${optionId}-conditional`} hidden={!revealed}>
                    {revealed && option.conditional}
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
