import type { Catalog } from '../shape';
import { admin } from './admin';
import { mail } from './mail';
import { pages } from './pages';

export const es: Catalog = { pages, admin, mail };
