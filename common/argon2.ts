/**
 * argon2id at the OWASP Password Storage minimum (19 MiB, 2 passes, 1 lane), for security
 * answers and the break-glass admin's password alike.
 */
export const argon2Options = {
  algorithm: 2, // Algorithm.Argon2id: a const enum, which isolated modules cannot import
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;
