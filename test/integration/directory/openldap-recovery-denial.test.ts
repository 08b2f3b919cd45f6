import { inject } from 'vitest';
import { recoveryDenialContract } from './recovery-denial-contract';

recoveryDenialContract('OpenLDAP', inject('servers').directory);
