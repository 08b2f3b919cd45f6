/** The user pages' texts in English: the reference every other language follows. */
export const pages = {
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
    tooLarge: 'That was more than this form takes. Please go back and try again.',
    offline:
      'The service could not be reached. Check your connection and try again: nothing you typed was lost.',
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
    'session-ended':
      'Your recovery session has ended (it lasts 15 minutes between steps). Enter your username to start again.',
  },
  steps: {
    progress: (step: number, of: number) => `Step ${step} of ${of}`,
    enrollTitle: 'Set up your security questions',
    enrollIntro:
      'You do this once. Later, to reset your password, you will answer these questions after opening a link we e-mail you.',
    alternateLegend: 'Alternate e-mail address',
    alternateHint:
      'A personal address other than your work one. We send it a link to confirm it, and tell it of every password reset.',
    alternateLabel: 'Alternate e-mail',
    alternateConfirmLabel: 'Alternate e-mail, again',
    questionsLegend: 'Security questions',
    questionsHint: (count: number, minLength: number) =>
      `Choose ${count} different question${count === 1 ? '' : 's'} and answer each. Answers have at least ${minLength} characters, must differ from one another, and must not be your username, name or e-mail. Capitals, accents and extra spaces are ignored when you answer later.`,
    questionLabel: (n: number) => `Question ${n}`,
    answerLabel: (n: number) => `Answer ${n}`,
    choose: 'Choose a question…',
    save: 'Save my questions',
    savedTitle: 'Your questions are saved',
    saved:
      'Your security questions were updated. We have sent a new e-mail to your main address with a link to continue and reset your password. We also sent a link to your alternate address to confirm it.',
    answerTitle: 'Answer your security questions',
    answerIntro: 'Answer as you did when you set them up.',
    attemptsLeft: (n: number) =>
      `You have ${n} ${n === 1 ? 'try' : 'tries'} left before recovery is locked for a while.`,
    wrongAnswers: (n: number) =>
      `At least one answer is not right. ${n} ${n === 1 ? 'try' : 'tries'} left.`,
    submitAnswers: 'Continue',
    addQuestionsTitle: 'Add security questions',
    addQuestionsIntro: (count: number) =>
      `Your answers are right. Recovery now asks for more questions than you set up: add ${count} more to continue. Your other questions and your alternate address stay as they are.`,
    addQuestionsSave: 'Add and continue',
    passwordTitle: 'Choose your new password',
    passwordIntro: 'Your directory asks for:',
    ruleMinLength: (n: number) => `at least ${n} characters;`,
    ruleHistory: (n: number) => `not one of your last ${n} passwords;`,
    ruleComplexity: 'a mix of upper and lower case letters, digits and symbols.',
    passwordLabel: 'New password',
    passwordConfirmLabel: 'New password, again',
    setPassword: 'Set my new password',
    workingTitle: 'One moment…',
    working: 'We are resetting your password. This page updates by itself.',
    doneTitle: 'Your password was reset',
    doneKey: (validity: string) =>
      `We e-mailed a temporary password to your main address. Sign in with it: you will be asked to choose a new password at once. It stops working in ${validity}.`,
    doneChosen: 'Your new password is set. You can sign in with it now.',
    doneNotice:
      'We also sent a notice to every address we have for you. If you did not ask for this, tell the help desk.',
    lockedTitle: 'Recovery locked',
    locked:
      'The answers were wrong too many times, so the recovery stopped. Your password did not change. You can try again later; we told you by e-mail.',
    failedTitle: 'The password could not be reset',
    failed:
      'The directory did not accept the new password, so your password did not change. Please contact the help desk.',
    endedTitle: 'This recovery has ended',
    ended: 'Enter your username to start again.',
    startAgain: 'Start again',
  },
  fields: {
    summary: 'Some fields need your attention: see the messages below.',
    alternateMail: {
      invalid: 'Enter an e-mail address such as name@example.com.',
      mismatch: 'The two addresses are not the same.',
      'same-as-main': 'Use an address other than your main (work) one.',
    },
    questions: {
      count: 'Choose a question for every line.',
      duplicate: 'Choose a different question for every line.',
      unknown: 'One of the questions is no longer offered. Choose again.',
    },
    answers: {
      'too-short': 'This answer is too short.',
      'too-long': 'This answer is too long (200 characters at most).',
      'like-identity': 'Your answer must not be your username, name or e-mail.',
      repeated: 'This answer is the same as another one.',
    },
    password: {
      mismatch: 'The two passwords are not the same.',
      empty: 'Enter a new password.',
      'too-short': 'The directory says this password is too short.',
      'in-history': 'The directory says you used this password recently. Choose another.',
      'not-complex':
        'The directory says this password is too simple. Mix letters, digits and symbols.',
      refused: 'The directory did not accept this password. Choose another.',
    },
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
  },
} as const;
