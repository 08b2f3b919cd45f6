// Prints the argon2id hash of the password read from standard input, for SSPR_ADMIN_PASSWORD_HASH:
//   printf '%s' 'the password' | npm run --silent hash-password
import { hash } from '@node-rs/argon2';
import { argon2Options } from '../common/argon2';

const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
const password = Buffer.concat(chunks)
  .toString('utf8')
  .replace(/\r?\n$/, '');
if (password.length < 12) {
  console.error('Choose a password of at least 12 characters.');
  process.exit(2);
}
console.log(await hash(password, argon2Options));
