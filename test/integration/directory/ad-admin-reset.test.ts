import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { adminResetWorkflowId } from '../../../common/domain/workflow-ids';
import { changePolicy } from '../../../db/policy';
import { browser } from '../../../dev/form-browser';
import { createDirectory } from '../../../directory/create-directory';
import type { adminReset } from '../../../workflows/admin-reset';
import { journeys } from '../../support/journey';
import { breakGlassAdmin, type Stack, startStackOn } from '../../support/stack';
import { changeOwnTestPassword, configFor, type TestDirectory } from '../../support/test-directory';

/**
 * An admin's temporary-key reset from the user catalog (R5, S3) with Samba AD as the
 * directory: the catalog finds the account, the key is set with pwdLastSet=0, and the user
 * replaces it at the next sign-in.
 */
const ad = inject('servers').activeDirectory;

let stack: Stack<TestDirectory>;
let user: ReturnType<typeof journeys>;

beforeAll(async () => {
  if (!ad) return;
  stack = await startStackOn(ad);
  user = journeys(stack);
  await changePolicy(stack.db, { temporary_key_ttl_seconds: 600 }, 'test');
});
afterAll(async () => {
  await stack?.stop();
});

describe.skipIf(!ad)(
  'an admin reset against Active Directory (Samba AD; skipped when not root)',
  () => {
    it('finds the user, mails a key that must be changed, and the admin never sees it', async () => {
      const directory = createDirectory(configFor(stack.directory), { warn: () => {} });
      const u = await user.newUser();
      const b = browser(stack.app, { language: 'es' });
      await b.get('/admin/sign-in');
      expect((await b.post('/admin/sign-in', breakGlassAdmin)).status).toBe(303);

      const found = await b.get(`/admin/users?q=${u.uid}`);
      expect(found.body).toContain(`href="/admin/users/${u.uid}"`);
      const pages = [found.body, (await b.get(`/admin/users/${u.uid}/reset`)).body];
      const startedAt = new Date();
      const posted = await b.post(`/admin/users/${u.uid}/reset`, {});
      expect(posted.headers.get('location')).toBe(`/admin/users/${u.uid}?done=reset`);
      pages.push((await b.get(`/admin/users/${u.uid}?done=reset`)).body);

      const run = stack.client.workflow.getHandle<typeof adminReset>(adminResetWorkflowId(u.uid));
      const { outcome, keyCheckWorkflowId } = await run.result();
      expect(outcome).toBe('password-reset');
      const message = await user.waitForMail(u.mail, {
        after: startedAt,
        subjectIncludes: 'contraseña temporal',
      });
      expect(message.text).toContain('un administrador restableció su contraseña');
      const key = /contraseña temporal es: (\S+)/.exec(message.text)?.[1] as string;
      expect(await directory.checkSignIn(u.dn, key)).toBe('must-change');
      for (const page of pages) expect(page).not.toContain(key);

      await changeOwnTestPassword(stack.directory, u.dn, key, 'Own-Choice-2026');
      expect(await directory.checkSignIn(u.dn, 'Own-Choice-2026')).toBe('ok');
      expect(await directory.mustChangePending(u.dn)).toBe(false);
      await stack.client.workflow
        .getHandle(keyCheckWorkflowId as string)
        .terminate('the test does not wait for the key check');
    });
  },
);
