/**
 * The page every inbox screen sits in: a skip link, the service header with navigation and
 * sign-out, one <main>, and the stylesheet (a file: the CSP forbids inline styles and scripts).
 */
import { html, type SafeHtml } from '../html.ts';
import { SESSION_IDLE_MINUTES, type StaffUser } from '../model.ts';

export const SERVICE_NAME = 'Front door inbox';
export const STYLESHEET_PATH = '/inbox/assets/inbox.css';
export const SCRIPT_PATH = '/inbox/assets/session.js';
/** The warning before an idle sign-out comes this long before it (see assets/session.js). */
export const TIMEOUT_WARNING_SECONDS = 120;

export type Section = 'inbox' | 'report' | 'admin';

export interface PageOptions {
  title: string;
  body: SafeHtml;
  /** Present once signed in: shows the navigation and the sign-out button. */
  user?: StaffUser;
  csrfToken?: string;
  section?: Section;
  /** When the page shows errors, the title starts "Error: ", as GOV.UK does. */
  hasErrors?: boolean;
}

function navigation(user: StaffUser, csrfToken: string, section: Section | undefined): SafeHtml {
  const link = (href: string, label: string, which: Section) =>
    html`<li class="app-header__item">
      <a class="app-header__link" href="${href}" ${section === which ? html` aria-current="page"` : ''}>${label}</a>
    </li>`;
  return html`<nav class="app-header__navigation" aria-label="Inbox">
    <ul class="app-header__nav">
      ${link('/inbox', 'Referrals', 'inbox')} ${link('/inbox/report', 'Consistency report', 'report')}
      ${user.role === 'admin' && link('/inbox/admin', 'Staff and devices', 'admin')}
    </ul>
    <form class="app-header__sign-out" method="post" action="/inbox/sign-out">
      <input type="hidden" name="csrfToken" value="${csrfToken}" />
      <span class="app-header__text">Signed in as ${user.username}</span>
      <button class="govuk-button govuk-button--secondary app-button--small" type="submit">Sign out</button>
    </form>
  </nav>`;
}

/**
 * The warning before an idle sign-out: hidden until session.js opens it; one button keeps the
 * session (a fetch, so nothing typed on the page is lost), the other signs out.
 */
function timeoutWarning(csrfToken: string): SafeHtml {
  const minutes = TIMEOUT_WARNING_SECONDS / 60;
  return html`<dialog
    class="timeout"
    id="session-timeout"
    aria-labelledby="timeout-title"
    aria-describedby="timeout-text"
    data-idle-seconds="${SESSION_IDLE_MINUTES * 60}"
    data-warning-seconds="${TIMEOUT_WARNING_SECONDS}"
  >
    <h2 class="govuk-heading-m timeout__title" id="timeout-title">You will be signed out soon</h2>
    <p class="govuk-body" id="timeout-text">
      You have not used the inbox for a while. For your security, you will be signed out in ${minutes} minutes, and
      anything you have typed but not saved will be lost.
    </p>
    <form method="post" action="/inbox/session/extend">
      <input type="hidden" name="csrfToken" value="${csrfToken}" />
      <button class="govuk-button timeout__button" type="submit">Stay signed in</button>
    </form>
    <form method="post" action="/inbox/sign-out">
      <input type="hidden" name="csrfToken" value="${csrfToken}" />
      <button class="govuk-button govuk-button--secondary" type="submit">Sign out now</button>
    </form>
  </dialog>`;
}

export function page(options: PageOptions): string {
  const { user, csrfToken } = options;
  return html`<!doctype html>
    <html lang="en-GB">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <title>${options.hasErrors ? 'Error: ' : ''}${options.title} – ${SERVICE_NAME}</title>
        <link rel="stylesheet" href="${STYLESHEET_PATH}" />
        ${user && html`<script src="${SCRIPT_PATH}" defer></script>`}
      </head>
      <body>
        <a href="#main" class="govuk-skip-link">Skip to main content</a>
        <header class="app-header">
          <div class="govuk-width-container app-header__inner">
            <a class="app-header__name" href="/inbox">${SERVICE_NAME}</a>
            ${user && csrfToken && navigation(user, csrfToken, options.section)}
          </div>
        </header>
        <div class="govuk-width-container">
          <main class="govuk-main-wrapper" id="main" tabindex="-1">${options.body}</main>
        </div>
        <footer class="footer">
          <div class="govuk-width-container">
            <p class="footer__text">
              Referrals hold personal data about children and families. Keep exports within the front door and delete
              them when done.
            </p>
          </div>
        </footer>
        ${user && csrfToken && timeoutWarning(csrfToken)}
      </body>
    </html> `.value;
}
