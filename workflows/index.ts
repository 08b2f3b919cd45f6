export { temporaryKeyCheck } from './key-check';
export { recovery } from './recovery';
