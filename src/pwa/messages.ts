/**
 * Every sentence the app's update, connection and install notices show, in one place so that
 * practitioners and the service owner can review them together.
 */
export const PWA_MESSAGES = {
  update: {
    waiting: 'A new version of this app is ready.',
    waitingHint: 'Your work is saved before it updates.',
    accept: 'Update now',
    saving: 'Saving your work before updating…',
    reloading: 'Starting the new version…',
    saveFailed: (reason: string) => `The app has not updated, because your work could not be saved. ${reason}`,
    retry: 'Try to update again',
    stalled:
      'The new version has not started yet. Your work is saved: close the app and open it again to finish updating.',
    elsewhere: 'This app was updated in another tab or window.',
    elsewhereHint: 'Reload to use the new version here. Your work is saved first.',
    reload: 'Reload now',
    done: (version: string) => `This app has been updated to version ${version}.`,
    doneSaved: 'Your work was saved before the update.',
    dismiss: 'Hide this message',
  },
  connection: {
    title: 'Offline:',
    body: 'everything works except sending.',
    noNetwork: 'This device has no internet connection.',
    serverUnreachable: 'The server cannot be reached at the moment.',
  },
  install: {
    summary: 'Install this app on this device',
    promptText: 'Installed, it opens from your home screen or desktop like other apps and works with no signal.',
    prompt: 'Install this app',
    browserMenu:
      'Installed, it opens from your home screen or desktop like other apps and works with no signal. In Chrome or Edge, open the browser’s menu and choose Install app, or Add to Home screen on a phone or tablet.',
    iosSummary: 'Install this app on your iPad or iPhone',
    iosWhy:
      'Put it on your Home Screen: it opens like other apps, works with no signal, and keeps your drafts safe. Safari can delete what a website has stored after 7 days without a visit, but not for an app on the Home Screen.',
    iosSteps: [
      'Open this page in Safari.',
      'Tap the Share button: a square with an arrow pointing up.',
      'Tap Add to Home Screen, then Add.',
      'From now on, open the app from its icon on your Home Screen.',
    ],
    iosSeparate:
      'The Home Screen app keeps its own drafts, apart from Safari’s: finish or send any draft you started in Safari before you switch.',
  },
} as const;
