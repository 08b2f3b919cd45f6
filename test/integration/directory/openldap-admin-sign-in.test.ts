import { inject } from 'vitest';
import { adminSignInContract } from './admin-sign-in-contract';

adminSignInContract('OpenLDAP', inject('servers').directory);
