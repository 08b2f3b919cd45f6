import { inject } from 'vitest';
import { directoryContract } from './contract';

directoryContract('OpenLDAP (slapd)', inject('servers').directory);
