export const en = {
  languageName: 'English',
  switchLanguage: 'Español',
  skipToContent: 'Skip to content',
  start: {
    title: 'Forgot your password?',
    intro:
      'Enter your domain username. We will e-mail you a link to set up your security questions or to answer them, and then reset your password.',
    usernameLabel: 'Domain username',
    usernameHint: 'The name you use to sign in to your computer, for example ana.garcia.',
    submit: 'Continue',
    sent: (minutes: number) =>
      `If this username belongs to an account with an e-mail address, we have sent a message to that address with a link to continue. The link works once and expires in ${minutes} minutes. Check your inbox and your spam folder.`,
  },
  errors: {
    usernameRequired: 'Enter your domain username.',
    usernameInvalid: 'A username has 1 to 64 characters: letters, digits and . _ - @ (no spaces).',
    formExpired: 'This form has expired. Please try again.',
    unavailable:
      'The service cannot take your request right now. Nothing was lost: please try again in a minute.',
    notFoundTitle: 'Page not found',
    notFound: 'There is nothing at this address. Start again from the home page.',
    serverTitle: 'Something went wrong',
    server: 'The service hit an unexpected problem. Please try again in a minute.',
    forbiddenTitle: 'Request refused',
    backToStart: 'Back to the start page',
  },
  rateLimited: {
    title: 'Too many attempts',
    message: (minutes: number) =>
      `For your security, forms can be sent only a limited number of times in a while. Nothing was lost: wait ${minutes === 1 ? 'a minute' : `${minutes} minutes`}, then go back and send the form again.`,
  },
  notices: {
    'link-expired': 'That link has expired. Enter your username to get a new one.',
    'link-used':
      'That link was already used: each link works only once. Enter your username to get a new one.',
    'link-superseded':
      'A newer link was sent to you after that one: use the link in the most recent e-mail.',
    'link-unknown': 'That link is not valid. Enter your username to get a new one.',
  },
  verify: {
    title: 'Confirm your alternate e-mail address',
    intro: 'Press the button to confirm that this address is yours.',
    submit: 'Confirm',
    verifiedTitle: 'Address confirmed',
    verified:
      'Thank you: your alternate address is confirmed. It will also hear of every password reset.',
    used: 'This confirmation link was already used.',
    expired: 'This confirmation link has expired. Set up your questions again to get a new one.',
    unknown: 'This confirmation link is not valid.',
  },
  link: {
    title: 'Continue your password recovery',
    intro: 'You opened your one-time link. Press the button to continue on this device.',
    once: 'The link works once: after you continue, it cannot be used again.',
    submit: 'Continue',
    confirmedTitle: 'Link confirmed',
    confirmed:
      'Your link was accepted and has now been used up. The security questions and the password reset follow from here.',
  },
} as const;
