import { inject } from 'vitest';
import { adminSignInContract } from './admin-sign-in-contract';

// Absent when the tests do not run as root: Samba needs it (the global setup says so).
adminSignInContract('Active Directory (Samba AD DC)', inject('servers').activeDirectory);
