import { verify } from '@node-rs/argon2';

/** A real hash of a throwaway word: an unknown name costs the same time as a wrong password. */
const decoy =
  '$argon2id$v=19$m=19456,t=2,p=1$9l/CdahLhg2mM/rVMOqcuw$j+af2iz0wWliLvJISEfWsqTgEoXutUKnTK2EKcRMtzs';

/** Whether `password` matches `hash`; with no hash, the same work and false. */
export async function passwordMatches(hash: string | undefined, password: string) {
  try {
    const ok = await verify(hash ?? decoy, password);
    return hash !== undefined && ok;
  } catch {
    return false;
  }
}
