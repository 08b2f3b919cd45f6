import type { Catalog } from '../shape';
import { admin } from './admin';
import { mail } from './mail';
import { pages } from './pages';
import { shared } from './shared';

export const en: Catalog = { shared, pages, admin, mail };
