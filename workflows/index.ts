export { adminReset } from './admin-reset';
export { temporaryKeyCheck } from './key-check';
export { recovery } from './recovery';
