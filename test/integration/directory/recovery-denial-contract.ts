import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { loadConfig } from '../../../common/config';
import { changePolicy, currentPolicy } from '../../../db/policy';
import type { PolicyVersion } from '../../../db/schema';
import { type Browser, browser } from '../../../dev/form-browser';
import { sessionTtlSeconds } from '../../../workflows/messages';
import { heldLinks } from '../../support/held-links';
import { journeys } from '../../support/journey';
import { patienceMs, type Stack, startStackOn } from '../../support/stack';
import type { TestDirectory } from '../../support/test-directory';

/**
 * A stranger who knows a username tries to keep its owner from recovering: by typing it over
 * and over from many addresses, by a repeat that lands while the owner opens a link. The
 * per-username limit is the production one. Run on each real directory; skipped when `server`
 * is absent (AD without root).
 */
export function recoveryDenialContract(name: string, server: TestDirectory | undefined) {
  describe.skipIf(!server)(`${name}: nobody can deny a recovery`, () => {
    let stack: Stack<TestDirectory>;
    let user: ReturnType<typeof journeys>;
    let next = 0;
    const links = heldLinks();
    const perUsername = loadConfig({}).rateLimits.perUsername.points;
    let defaultPolicyOfTheFile: PolicyVersion;

    beforeAll(async () => {
      stack = await startStackOn(server as TestDirectory, { activities: links.activities });
      user = journeys(stack);
      defaultPolicyOfTheFile = await currentPolicy(stack.db);
    });
    afterAll(async () => {
      await stack?.stop();
    });

    /** A browser at an address of its own (TEST-NET-2, unique): a stranger, or the user elsewhere. */
    function newBrowser(): Browser {
      const address = `198.51.100.${++next}`;
      return browser({
        request: (input: string | Request | URL, init?: RequestInit) =>
          stack.app.request(input, init, { incoming: { socket: { remoteAddress: address } } }),
      });
    }

    /** The start form sent for `username` from a browser of its own; the page without its token. */
    async function requestFromAnywhere(username: string) {
      const b = newBrowser();
      await b.get('/');
      const response = await b.post('/', { username });
      return { status: response.status, page: response.body.replace(/value="[^"]*"/g, 'value=""') };
    }

    /** The e-mails to `to`, once there are at least `count`. */
    async function mailsTo(to: string, count: number) {
      const deadline = Date.now() + patienceMs;
      for (;;) {
        const messages = await stack.mail.list(to);
        if (messages.length >= count || Date.now() > deadline) return messages;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }

    /** Opens a link in a browser of its own and presses its button. */
    async function open(path: string) {
      const b = newBrowser();
      await b.get(path);
      return { browser: b, response: await b.post(path, {}) };
    }

    describe('a stranger typing the name over and over (S4, R13)', () => {
      it("gets the same page as everyone, the user's own request too, and the user's link still opens", async () => {
        const victim = await user.newUser();
        const first = await requestFromAnywhere(victim.uid);
        const link = await user.linkFor(victim.mail);
        const flood = [];
        for (let i = 0; i < perUsername + 2; i++) flood.push(await requestFromAnywhere(victim.uid));
        expect(flood.map((p) => p.status)).toEqual(flood.map(() => 200));
        // A repeat went out before the user clicks: the one link the user has must survive it.
        expect((await mailsTo(victim.mail, 2)).length).toBeGreaterThanOrEqual(2);

        const own = await requestFromAnywhere(victim.uid);
        expect(own).toEqual(first);
        const { response } = await open(link.path);
        expect(response.headers.get('location')).toBe('/recovery');
        expect(await user.stateOf(victim.uid)).toMatchObject({ status: 'enrolling' });
        // The inbox got the first link and at most the resend limit's repeats.
        const { resend_limit_per_hour } = await currentPolicy(stack.db);
        expect((await stack.mail.list(victim.mail)).length).toBeLessThanOrEqual(
          1 + resend_limit_per_hour,
        );
      });

      it('never locks the user out: over the limit, a request still starts a recovery when none runs', async () => {
        const victim = await user.newUser();
        for (let i = 0; i < perUsername; i++) await requestFromAnywhere(victim.uid);
        await user.linkFor(victim.mail);
        // The stranger's recovery is over (as if its link had expired); the name is over its limit.
        await stack.client.workflow.getHandle(victim.workflowId).terminate('the test ends it');
        const before = (await stack.mail.list(victim.mail)).length;

        expect((await requestFromAnywhere(victim.uid)).status).toBe(200);
        const mails = await mailsTo(victim.mail, before + 1);
        expect(mails.length).toBe(before + 1);
        const link = await user.linkFor(victim.mail);
        const { response } = await open(link.path);
        expect(response.headers.get('location')).toBe('/recovery');
      });
    });

    describe('a link opened while a repeat is being sent (R13)', () => {
      it('keeps its session; the link sent meanwhile is refused as superseded', async () => {
        const { uid, mail, workflowId } = await user.newUser();
        await requestFromAnywhere(uid);
        const first = await user.linkFor(mail);
        const release = links.hold(workflowId);
        await requestFromAnywhere(uid);
        const messages = await mailsTo(mail, 2);
        const second = messages.find((m) => !m.text.includes(first.token));
        expect(second).toBeDefined();

        // The repeat's e-mail is out, its activity not yet back: the user opens the first link.
        const { browser: session, response } = await open(first.path);
        expect(response.headers.get('location')).toBe('/recovery');
        release();
        expect(await audited(workflowId, 'link-sent', 2)).toBe(2);

        const page = await session.get('/recovery');
        expect(page.status).toBe(200);
        expect(page.body).toContain('name="alternateMail"');
        expect(await user.stateOf(uid)).toMatchObject({ status: 'enrolling' });
        const token = /\/link\/([A-Za-z0-9_-]{43})/.exec(second?.text ?? '')?.[1];
        const late = await open(`/link/${token}`);
        expect(late.response.headers.get('location')).toBe('/?notice=link-superseded');
      });
    });

    describe('the session cookie (ASVS 3.3.1)', () => {
      it('is given a new lifetime with each form the recovery takes', async () => {
        const { uid, mail } = await user.newUser();
        await requestFromAnywhere(uid);
        const { browser: b } = await open((await user.linkFor(mail)).path);
        const cookie = b.cookies.get('sspr_session');
        await b.get('/recovery');
        const { min_questions } = await currentPolicy(stack.db);
        const questions = await stack.db
          .selectFrom('questions')
          .select('id')
          .orderBy('id')
          .limit(min_questions)
          .execute();
        const form = {
          alternateMail: `${uid}.alt@example.net`,
          alternateMailConfirm: `${uid}.other@example.net`,
          questionId: questions.map((q) => String(q.id)),
          answer: questions.map((_, i) => `Respuesta número ${i}`),
        };
        // With a mistake: the recovery checked it, so the session lives on.
        const refused = await b.post('/recovery/enroll', form);
        expect(refused.status).toBe(422);
        expect(sessionCookieSet(refused.headers)).toEqual([renewed(cookie)]);
        const saved = await b.post('/recovery/enroll', {
          ...form,
          alternateMailConfirm: form.alternateMail,
        });
        expect(saved.status).toBe(303);
        expect(sessionCookieSet(saved.headers)).toEqual([renewed(cookie)]);
      });
    });

    describe('the inbox cap (the policy)', () => {
      it('no address gets more link e-mails an hour than the policy says, from all recoveries together', async () => {
        await changePolicy(
          stack.db,
          { link_mails_per_address_per_hour: 2, resend_limit_per_hour: 5 },
          'test',
        );
        onTestFinished(async () => {
          const { link_mails_per_address_per_hour, resend_limit_per_hour } = defaultPolicyOfTheFile;
          await changePolicy(
            stack.db,
            { link_mails_per_address_per_hour, resend_limit_per_hour },
            'test',
          );
        });
        const victim = await user.newUser();
        await requestFromAnywhere(victim.uid);
        const first = await user.linkFor(victim.mail);
        await requestFromAnywhere(victim.uid);
        expect(await mailsTo(victim.mail, 2)).toHaveLength(2);

        // Within the resend limit, past the cap: nothing goes out, and the links out still open.
        await requestFromAnywhere(victim.uid);
        expect(await audited(victim.workflowId, 'link-held', 1)).toBe(1);
        expect(await stack.mail.list(victim.mail)).toHaveLength(2);
        const { response } = await open(first.path);
        expect(response.headers.get('location')).toBe('/recovery');

        // Another recovery to the same address, this hour: it ends without a link.
        await stack.client.workflow.getHandle(victim.workflowId).terminate('the test ends it');
        await requestFromAnywhere(victim.uid);
        expect(await user.outcomeOf(victim.uid)).toBe('inbox-full');
        expect(await stack.mail.list(victim.mail)).toHaveLength(2);
      });
    });

    /** The same session, with the whole lifetime again. */
    function renewed(value: string | undefined) {
      return expect.stringMatching(
        new RegExp(`^sspr_session=${value};.*Max-Age=${sessionTtlSeconds}(;|$)`),
      );
    }

    function sessionCookieSet(headers: Headers): string[] {
      return headers.getSetCookie().filter((line) => line.startsWith('sspr_session='));
    }

    /** Waits for `count` audit events of the recovery: the workflow has heard its activities end. */
    async function audited(workflowId: string, event: string, count: number) {
      const deadline = Date.now() + patienceMs;
      for (;;) {
        const found = await stack.db
          .selectFrom('audit_events')
          .select('id')
          .where('workflow_id', '=', workflowId)
          .where('event', '=', event)
          .execute();
        if (found.length >= count || Date.now() > deadline) return found.length;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  });
}
