export { recovery } from './recovery';
