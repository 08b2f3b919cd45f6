export { adminReset } from './admin-reset';
export { housekeeping } from './housekeeping';
export { temporaryKeyCheck } from './key-check';
export { recovery } from './recovery';
