export { adminReset } from './admin-reset';
export { housekeeping } from './housekeeping';
export { temporaryKeyCheck } from './key-check';
export { questionsNotice } from './questions-notice';
export { recovery } from './recovery';
