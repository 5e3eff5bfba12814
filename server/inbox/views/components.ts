/**
 * GOV.UK-style building blocks: the error summary (linking to each field), fields with their
 * label, hint and error, radios in a fieldset, notification banners, tags and dates.
 */
import { html, type HtmlValue, type SafeHtml } from '../html.ts';

export interface FieldError {
  /** The id of the field (or of the first radio) the summary links to. */
  field: string;
  message: string;
}

/** Focused on load (autofocus: no script needed) so a screen reader announces it first. */
export function errorSummary(errors: readonly FieldError[]): SafeHtml | '' {
  if (!errors.length) return '';
  return html`<div
    class="govuk-error-summary"
    role="alert"
    aria-labelledby="error-summary-title"
    tabindex="-1"
    autofocus
  >
    <h2 class="govuk-error-summary__title" id="error-summary-title">There is a problem</h2>
    <ul class="govuk-list govuk-error-summary__list">
      ${errors.map((error) => html`<li><a href="#${error.field}">${error.message}</a></li>`)}
    </ul>
  </div>`;
}

export function errorFor(errors: readonly FieldError[], field: string): string | undefined {
  return errors.find((error) => error.field === field)?.message;
}

function errorMessage(id: string, message: string | undefined): SafeHtml | '' {
  return message
    ? html`<p class="govuk-error-message" id="${id}-error">
        <span class="govuk-visually-hidden">Error:</span> ${message}
      </p>`
    : '';
}

function describedBy(id: string, hint: string | undefined, error: string | undefined) {
  const ids = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');
  return ids ? html` aria-describedby="${ids}"` : '';
}

interface FieldOptions {
  id: string;
  name?: string;
  label: string;
  hint?: string;
  error?: string;
}

function hintFor(id: string, hint: string | undefined) {
  return hint ? html`<div class="govuk-hint" id="${id}-hint">${hint}</div>` : '';
}

export function textInput(
  options: FieldOptions & {
    value?: string;
    type?: 'text' | 'password' | 'date';
    autocomplete?: string;
    width?: string;
    /** A one-field form's button, put beside the box so that it lines up with the box, not the label. */
    button?: SafeHtml;
  },
): SafeHtml {
  const { id, error, hint } = options;
  const input = html`<input
    class="govuk-input${error ? ' govuk-input--error' : ''}${options.width ? ` govuk-input--width-${options.width}` : ''}"
    id="${id}"
    name="${options.name ?? id}"
    type="${options.type ?? 'text'}"
    ${options.value !== undefined && options.type !== 'password' ? html` value="${options.value}"` : ''}${options.autocomplete ? html` autocomplete="${options.autocomplete}"` : ''}
    spellcheck="false"
    ${describedBy(id, hint, error)}
  />`;
  return html`<div class="govuk-form-group${error ? ' govuk-form-group--error' : ''}">
    <label class="govuk-label" for="${id}">${options.label}</label>
    ${hintFor(id, hint)}${errorMessage(id, error)}
    ${options.button ? html`<div class="input-with-button">${input}${options.button}</div>` : input}
  </div>`;
}

export function textarea(options: FieldOptions & { value?: string; rows?: number; maxLength: number }): SafeHtml {
  const { id, error, hint } = options;
  return html`<div class="govuk-form-group${error ? ' govuk-form-group--error' : ''}">
    <label class="govuk-label" for="${id}">${options.label}</label>
    ${hintFor(id, hint)}${errorMessage(id, error)}
    <textarea
      class="govuk-textarea${error ? ' govuk-textarea--error' : ''}"
      id="${id}"
      name="${options.name ?? id}"
      rows="${options.rows ?? 5}"
      maxlength="${options.maxLength}"
      ${describedBy(id, hint, error)}
    >
${options.value ?? ''}</textarea>
  </div>`;
}

export function select(
  options: FieldOptions & { value?: string; choices: readonly { value: string; label: string }[] },
): SafeHtml {
  const { id, error, hint } = options;
  return html`<div class="govuk-form-group${error ? ' govuk-form-group--error' : ''}">
    <label class="govuk-label" for="${id}">${options.label}</label>
    ${hintFor(id, hint)}${errorMessage(id, error)}
    <select class="govuk-select" id="${id}" name="${options.name ?? id}" ${describedBy(id, hint, error)}>
      ${options.choices.map(
        (choice) =>
          html`<option value="${choice.value}" ${choice.value === options.value ? html` selected` : ''}>
            ${choice.label}
          </option>`,
      )}
    </select>
  </div>`;
}

/** Radios in a fieldset; the first radio's id is `${name}` so the error summary can link to it. */
export function radios(options: {
  name: string;
  legend: string;
  legendClass?: string;
  hint?: string;
  error?: string;
  value?: string;
  choices: readonly { value: string; label: string; hint?: string }[];
}): SafeHtml {
  const { name, error, hint } = options;
  return html`<div class="govuk-form-group${error ? ' govuk-form-group--error' : ''}">
    <fieldset class="govuk-fieldset" ${describedBy(name, hint, error)}>
      <legend class="govuk-fieldset__legend ${options.legendClass ?? 'govuk-fieldset__legend--m'}">
        ${options.legend}
      </legend>
      ${hintFor(name, hint)}${errorMessage(name, error)}
      <div class="govuk-radios">
        ${options.choices.map((choice, index) => {
          const id = index === 0 ? name : `${name}-${index + 1}`;
          return html`<div class="govuk-radios__item">
            <input
              class="govuk-radios__input"
              id="${id}"
              name="${name}"
              type="radio"
              value="${choice.value}"
              ${choice.value === options.value ? html` checked` : ''}${choice.hint ? html` aria-describedby="${id}-item-hint"` : ''}
            />
            <label class="govuk-label govuk-radios__label" for="${id}">${choice.label}</label>
            ${choice.hint ? html`<div class="govuk-hint govuk-radios__hint" id="${id}-item-hint">${choice.hint}</div>` : ''}
          </div>`;
        })}
      </div>
    </fieldset>
  </div>`;
}

export function hiddenCsrf(token: string): SafeHtml {
  return html`<input type="hidden" name="csrfToken" value="${token}" />`;
}

export function notification(heading: string, body?: HtmlValue, kind: 'success' | 'important' = 'success') {
  return html`<div
    class="govuk-notification-banner${kind === 'success' ? ' govuk-notification-banner--success' : ''}"
    role="${kind === 'success' ? 'status' : 'region'}"
    aria-labelledby="notification-title"
  >
    <div class="govuk-notification-banner__header">
      <h2 class="govuk-notification-banner__title" id="notification-title">
        ${kind === 'success' ? 'Success' : 'Important'}
      </h2>
    </div>
    <div class="govuk-notification-banner__content">
      <p class="govuk-notification-banner__heading">${heading}</p>
      ${body ?? ''}
    </div>
  </div>`;
}

export function tag(label: string, colour: 'red' | 'blue' | 'green' | 'grey' | 'yellow'): SafeHtml {
  return html`<strong class="govuk-tag govuk-tag--${colour}">${label}</strong>`;
}

const DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** A server time as UK local time, in a <time> element carrying the exact instant. */
export function dateTime(iso: string): SafeHtml {
  return html`<time datetime="${iso}">${DATE_TIME.format(new Date(iso))}</time>`;
}

/** Multi-line free text: escaped, with its line breaks kept by CSS (white-space: pre-wrap). */
export function freeText(text: string | undefined | null): SafeHtml {
  return text ? html`<span class="free-text">${text}</span>` : html`<span class="muted">Not given</span>`;
}
