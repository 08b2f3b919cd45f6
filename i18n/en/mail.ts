import type { QuestionsChange } from '../../common/domain/enrollment';

/**
 * The e-mails' texts in English: the reference every other language follows. mail/ lays each
 * message out: the paragraphs in the order given here, the action as a button with its link
 * below, then the footer.
 */
export const mail = {
  /** The language tag dates are written in (day, month's name, year). */
  dateLocale: 'en-GB',
  link: {
    intro: (name: string) =>
      `Hello ${name}, someone (most likely you) asked to recover the password of your account.`,
    enroll: {
      subject: 'Set up your password recovery',
      step: 'Before it can be reset, register an alternate e-mail address and answer the security questions you choose. You do this only once.',
      action: 'Set up my questions',
    },
    answer: {
      subject: 'Continue recovering your password',
      step: 'Open the link and answer your security questions to reset your password.',
      action: 'Answer my questions',
    },
    validity: (minutes: number) => `The link works once and expires in ${minutes} minutes.`,
    footer:
      'If you did not ask for this, ignore this message: your password does not change. We will never ask for your password by e-mail.',
  },
  notices: {
    'verify-alternate': {
      subject: 'Confirm your alternate e-mail address',
      registered: (name: string) =>
        `Hello ${name}, you registered this address as your alternate e-mail for password recovery.`,
      confirm: (hours: number) =>
        `Confirm it with the link; it works once and expires in ${hours} hours.`,
      action: 'Confirm this address',
    },
    'temporary-key': {
      subject: 'Your temporary password',
      reset: (name: string, byAdmin: boolean) =>
        byAdmin
          ? `Hello ${name}, an administrator reset your password.`
          : `Hello ${name}, you answered your questions correctly and your password was reset.`,
      key: (key: string) => `Your temporary password is: ${key}`,
      use: (validity: string) =>
        `Use it to sign in: you will be asked to choose a new password then. If you do not use it within ${validity}, it stops working.`,
    },
    'password-reset': {
      subject: 'Your password was reset',
      reset: (name: string, when: string, byAdmin: boolean) =>
        `Hello ${name}, the password of your account was reset on ${when} (UTC) ${byAdmin ? 'by an administrator' : 'through password recovery'}.`,
      chosen: 'You chose the new password on the recovery page.',
      keySent: (toAlternate: boolean) =>
        `The temporary password was sent to your ${toAlternate ? 'alternate address only, at an administrator’s request' : 'main address only'}.`,
      notYou: 'If this was not you, tell the help desk at once.',
    },
    'recovery-locked': {
      subject: 'Password recovery locked',
      locked: (name: string) =>
        `Hello ${name}, your security questions were answered wrongly too many times, so the recovery was stopped.`,
      tryAgain: (minutes: number) =>
        `You can try again in ${minutes} minutes. Your password has not changed.`,
      notYou: 'If this was not you, tell the help desk.',
    },
    'key-expired': {
      subject: 'Your temporary password expired',
      expired: (name: string) =>
        `Hello ${name}, the temporary password we sent you was not used in time, so it no longer works.`,
      startAgain: 'If you still need to sign in, start the password recovery again.',
    },
    'reset-failed': {
      subject: 'We could not reset your password',
      refused: (name: string, byAdmin: boolean) =>
        `Hello ${name}, ${byAdmin ? 'an administrator asked to reset your password' : 'you answered your questions right'}, but the directory did not accept the new password, so your password has not changed.`,
      helpDesk: 'Please tell the help desk: the audit log tells them what happened.',
    },
    'questions-changed': {
      subject: 'Your password recovery settings changed',
      changed: (name: string, change: QuestionsChange) =>
        `Hello ${name}, ${
          {
            enrolled:
              'security questions and an alternate e-mail address were set up for the password recovery of your account',
            added:
              'security questions were added to the password recovery of your account, after its questions were answered right',
            deleted:
              'an administrator deleted the security questions and the alternate e-mail address of your account: the next password recovery sets them up again',
          }[change]
        }.`,
      notYou: 'If this was not you, tell the help desk at once.',
    },
    footer: 'We will never ask for your password by e-mail. This message was sent automatically.',
  },
  /** An admin's test of an SMTP configuration; it goes out in every language at once. */
  smtpTest: {
    subject: 'Test message',
    body: (name: string) =>
      `Test message from the SMTP configuration "${name}": password recovery mail goes out through it.`,
  },
} as const;
