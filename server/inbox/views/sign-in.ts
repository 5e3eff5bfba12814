/** The sign-in page, and the short pages for refusals (403, 404, 415, 429, 500). */
import { html, type SafeHtml } from '../html.ts';
import { LOCKOUT_WINDOW_MINUTES, SESSION_IDLE_MINUTES } from '../model.ts';
import { errorFor, errorSummary, notification, textInput, type FieldError } from './components.ts';
import { page } from './layout.ts';

export type SignInNotice = 'signed-out' | 'session-ended' | undefined;

export interface SignInView {
  csrfToken: string;
  /** Where to go after signing in: an inbox address. */
  next: string;
  username?: string;
  errors?: FieldError[];
  notice?: SignInNotice;
}

export const SIGN_IN_MESSAGES = {
  username: 'Enter your username',
  password: 'Enter your password',
  wrong: 'Enter a correct username and password',
  locked: `You have entered the wrong details too many times. Wait ${LOCKOUT_WINDOW_MINUTES} minutes, then try again`,
} as const;

export function signInPage(view: SignInView): string {
  const errors = view.errors ?? [];
  const notice =
    view.notice === 'signed-out'
      ? notification('You have signed out')
      : view.notice === 'session-ended'
        ? notification(
            'You have been signed out',
            html`<p class="govuk-body">
              This happens after ${SESSION_IDLE_MINUTES} minutes without activity. Sign in again to carry on.
            </p>`,
            'important',
          )
        : '';
  const body = html`${errorSummary(errors)}${notice}
    <h1 class="govuk-heading-l">Sign in to the front door inbox</h1>
    <p class="govuk-body">For front-door staff only. Ask your team's administrator if you need an account.</p>
    <form method="post" action="/inbox/sign-in" novalidate>
      <input type="hidden" name="csrfToken" value="${view.csrfToken}" />
      <input type="hidden" name="next" value="${view.next}" />
      ${textInput({
        id: 'username',
        label: 'Username',
        value: view.username ?? '',
        autocomplete: 'username',
        width: '20',
        error: errorFor(errors, 'username'),
      })}
      ${textInput({
        id: 'password',
        label: 'Password',
        type: 'password',
        autocomplete: 'current-password',
        width: '20',
        error: errorFor(errors, 'password'),
      })}
      <button class="govuk-button" type="submit">Sign in</button>
    </form>`;
  return page({ title: 'Sign in', body, hasErrors: errors.length > 0 });
}

/** A page that explains a refusal and what to do next. */
export function messagePage(title: string, paragraphs: readonly (string | SafeHtml)[], signedIn = false): string {
  const body = html`<h1 class="govuk-heading-l">${title}</h1>
    ${paragraphs.map((paragraph) => html`<p class="govuk-body">${paragraph}</p>`)}
    <p class="govuk-body">
      <a class="govuk-link" href="/inbox">${signedIn ? 'Go to the referrals' : 'Go to the sign-in page'}</a>
    </p>`;
  return page({ title, body });
}
