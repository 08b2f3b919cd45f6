/** What a one-time link leads to: setting up the questions, or answering them. */
export type LinkPurpose = 'enroll' | 'answer';
