import { inject } from 'vitest';
import { recoveryDenialContract } from './recovery-denial-contract';

// Absent when the tests do not run as root: Samba needs it (the global setup says so).
recoveryDenialContract('Active Directory (Samba AD DC)', inject('servers').activeDirectory);
