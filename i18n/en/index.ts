import type { Catalog } from '../shape';
import { admin } from './admin';
import { mail } from './mail';
import { pages } from './pages';

export const en: Catalog = { pages, admin, mail };
