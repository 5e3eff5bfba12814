/**
 * Every sentence the data layer can put in front of a practitioner, in one place so that they can
 * be reviewed together. Each says what happened and what to do; none contains personal data, and
 * none repeats a browser's own error text (which can quote stored values).
 */
export interface DataMessage {
  /** What happened. */
  summary: string;
  /** What to do next. */
  action: string;
}

export const DATA_MESSAGES = {
  quota: {
    summary: 'This device has run out of space for the app, so your latest changes are not saved yet.',
    action:
      'Keep this page open: your answers are still on the screen. Send or delete drafts you no longer need, or free up space on the device, then save again.',
  },
  conflict: {
    summary: 'This draft was changed in another tab or window after you opened it here.',
    action: 'Your changes here are still on the screen. Choose which copy to keep before you carry on.',
  },
  notFound: {
    summary: 'This draft is no longer on this device. It may have been deleted in another tab.',
    action: 'Go back to your drafts list.',
  },
  tampered: {
    summary: 'This draft has been altered or damaged and cannot be opened safely.',
    action: 'Delete it from your drafts list and contact your IT service desk if this happens again.',
  },
  restore: {
    summary: 'This draft could not be opened because part of it is damaged or from a newer version of the app.',
    action:
      'Reload the page to get the latest version of the app. If that does not help, contact your IT service desk.',
  },
  notSavable: {
    summary: 'This draft could not be saved because some of its answers are not in a form the app can keep.',
    action: 'Your answers are still on the screen. Check the answers on this page and try again.',
  },
  quickCheckIdentifying: {
    summary: 'A quick check cannot keep names, notes or other details that could identify someone.',
    action: 'Remove those details, or start a referral, which keeps them encrypted.',
  },
  locked: {
    summary: 'The app is locked, so drafts cannot be opened or saved.',
    action: 'Enter your passphrase to unlock. Your place in the form is kept.',
  },
  keyChanged: {
    summary: 'The passphrase on this device was reset in another tab, so this tab can no longer save drafts.',
    action: 'Copy anything you need from this page, then reload it and set up a new passphrase.',
  },
  wrongPassphrase: {
    summary: 'That passphrase is not the one set on this device.',
    action: 'Check it and try again. Pasting from a password manager works.',
  },
  throttled: {
    summary: 'There have been several wrong passphrases on this device.',
    action: 'Wait a moment, then try again.',
  },
  passphraseTooShort: {
    summary: 'The passphrase is too short.',
    action: 'Choose a passphrase of 12 characters or more. Three or four random words work well.',
  },
  passphraseTooWeak: {
    summary: 'This passphrase would be guessed quickly.',
    action: 'Add more words: three or four random words, not a saying or a name, work well.',
  },
  keyringExists: {
    summary: 'A passphrase is already set on this device.',
    action: 'Unlock with it, or use "Forgot passphrase" to start again.',
  },
  noKeyring: {
    summary: 'No passphrase has been set on this device yet.',
    action: 'Set a passphrase to start a referral.',
  },
  appUpdatedElsewhere: {
    summary: 'The app was updated in another tab, so this tab has stopped saving to avoid damaging your drafts.',
    action: 'Reload this page to carry on. Drafts that showed "Saved" are kept.',
  },
  blocked: {
    summary: 'The app is waiting to finish an update because it is open in another tab or window.',
    action: 'Close the app in other tabs and windows. Nothing is lost.',
  },
  newerDatabase: {
    summary: 'The drafts on this device were saved by a newer version of the app.',
    action: 'Reload the page to get the latest version. Your drafts are kept.',
  },
  unavailable: {
    summary: 'This browser is not letting the app store anything on this device, so drafts cannot be saved.',
    action:
      'Leave private browsing, or open the app from the Home Screen, and check that the browser allows site data.',
  },
  unknown: {
    summary: 'Something went wrong while saving to or reading from this device.',
    action: 'Your answers are still on the screen. Try again; if it keeps happening, contact your IT service desk.',
  },
  draftClaimedElsewhere: {
    summary: 'This draft is open in another tab or window.',
    action: 'It opens here read-only so that neither copy overwrites the other. Close it there to edit it here.',
  },
} as const satisfies Record<string, DataMessage>;

export type DataMessageCode = keyof typeof DATA_MESSAGES;

export const sentence = (message: DataMessage) => `${message.summary} ${message.action}`;
