import { pino } from 'pino';

/**
 * One structured logger per process. Fields that could carry a secret are censored by name,
 * as a second line of defence: the code never logs tokens, answers or passwords on purpose.
 */
export function createLogger(name: string, level = 'info') {
  return pino({
    name,
    level,
    redact: {
      paths: [
        'token',
        '*.token',
        'password',
        '*.password',
        'answers',
        '*.answers',
        'key',
        '*.key',
        'cookie',
        '*.cookie',
      ],
      censor: '[secret]',
    },
  });
}

export type Logger = ReturnType<typeof createLogger>;
