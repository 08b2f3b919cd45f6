import { inject } from 'vitest';
import { directoryContract } from './contract';

// Absent when the tests do not run as root: Samba needs it (the global setup says so).
directoryContract('Active Directory (Samba AD DC)', inject('servers').activeDirectory);
