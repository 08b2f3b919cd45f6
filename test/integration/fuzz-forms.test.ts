import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { recoveryWorkflowId } from '../../common/domain/workflow-ids';
import { changePolicy, currentPolicy } from '../../db/policy';
import { addQuestion } from '../../db/question-catalog';
import { createSmtpConfig } from '../../db/smtp-configs';
import { type Browser, browser } from '../../dev/form-browser';
import { policyFields } from '../../web/admin/policy-form';
import { emptySmtpFields } from '../../web/admin/smtp-form';
import { userActions } from '../../web/admin/user-account';
import { journeys } from '../support/journey';
import { breakGlassAdmin, publicUrl, type Stack, startStack } from '../support/stack';

/**
 * Every form, user pages and admin console, fuzzed through the in-process app and the real
 * workflow: any Unicode of any length in every field, fields missing, repeated or unknown,
 * CSRF tokens and cookies right, wrong or made up, any content type. No answer may be a
 * server error or show a stack trace or a file path, and the genuine user whose recovery runs
 * meanwhile still finishes the step they are at. `npm test` runs a few hundred inputs;
 * `npm run bench:fuzz` runs this file with SSPR_FUZZ_RUNS=100000 and prints the counts.
 */
const runs = Number(process.env.SSPR_FUZZ_RUNS ?? 500);

let stack: Stack;
let user: ReturnType<typeof journeys>;
/** The genuine user, at the enrollment step of their recovery. */
let genuine: { uid: string; mail: string; browser: Browser; questions: number[] };
/** What an anonymous visitor and the signed-in admin hold: cookies and the CSRF field. */
let visitor: { cookie: string; csrf: string };
let admin: { cookie: string; csrf: string };
/** The fuzzer's own sessions, one at each step: fuzzed addresses, answers and passwords reach
 *  the workflow's checks through them. */
let own: Record<'enroll' | 'answers' | 'password', { cookie: string; csrf: string }>;
/** The answering step's fields, from its page. */
const answerFieldNames: string[] = [];
/** The console's objects the fuzzer's paths name: a question and an SMTP configuration. */
let spareQuestion: number;
let spareSmtp: number;

beforeAll(async () => {
  // The fuzzer's requests all come from one client and its sessions: no limit may stop it.
  const unlimited = { points: 1_000_000, durationSeconds: 60 };
  stack = await startStack({ rateLimits: { perSession: unlimited, perAdminName: unlimited } });
  user = journeys(stack);
  await changePolicy(stack.db, { min_questions: 2 }, 'test');
  policyFieldNames.push(...Object.keys(policyFields(await currentPolicy(stack.db))));
  const questions = (await stack.db.selectFrom('questions').select('id').execute()).map(
    (q) => q.id,
  );
  genuine = { ...(await atEnrollment()), questions };
  // The fuzzer's own recoveries start with tries to spare, and one reaches the chosen password.
  await changePolicy(stack.db, { max_wrong_answers: 20, reset_mode: 'user-chooses' }, 'test');
  const enrolling = await atEnrollment();
  const answering = await atAnswers();
  const choosing = await atAnswers();
  expect((await choosing.browser.post('/recovery/answers', answering.rightAnswers)).status).toBe(
    303,
  );
  answerFieldNames.push(...Object.keys(answering.rightAnswers));
  own = {
    enroll: await holding(enrolling.browser, '/recovery'),
    answers: await holding(answering.browser, '/recovery'),
    password: await holding(choosing.browser, '/recovery'),
  };

  visitor = await holding(browser(stack.app), '/');
  const adminBrowser = browser(stack.app, { language: 'en' });
  await adminBrowser.get('/admin/sign-in');
  const signedIn = await adminBrowser.post('/admin/sign-in', breakGlassAdmin);
  expect(signedIn.status).toBe(303);
  admin = await holding(adminBrowser, '/admin/questions');
  spareQuestion = (
    await addQuestion(stack.db, { textEs: 'Pregunta del fuzzer', textEn: "The fuzzer's question" })
  ).id;
  spareSmtp = (
    await createSmtpConfig(stack.db, stack.secretBox, {
      name: 'fuzzer',
      // The mail catcher, from a domain no sender of this stack has: it carries no mail.
      host: '127.0.0.1',
      port: inject('servers').smtpPort,
      tlsMode: 'none',
      senderAddress: 'fuzzer@fuzzer.example',
    })
  ).id;
});
afterAll(async () => {
  await stack?.stop();
});

/** A new user's recovery, in a browser that opened its link: at the enrollment step. */
async function atEnrollment() {
  const { uid, mail } = await user.newUser();
  await user.requestLink(uid, 'en');
  const { path } = await user.linkFor(mail);
  const { browser: b } = await user.openLink(path, 'en');
  return { uid, mail, browser: b };
}

/** Enrols the user in browser `b` through the page, with rightAnswers' answers. */
function enrolThroughPage(b: Browser, uid: string) {
  return b.post('/recovery/enroll', {
    alternateMail: `${uid}.alt@example.net`,
    alternateMailConfirm: `${uid}.alt@example.net`,
    questionId: genuine.questions.slice(0, 2).map(String),
    answer: ['Firulais', 'Valparaíso'],
  });
}

/** A new user enrolled through the pages, in a browser that opened the answering link. */
async function atAnswers() {
  const { uid, mail, browser: first } = await atEnrollment();
  expect((await enrolThroughPage(first, uid)).status).toBe(303);
  const { path } = await user.linkFor(mail, { subjectIncludes: 'Continue recovering' });
  const { browser: b } = await user.openLink(path, 'en');
  const page = await b.get('/recovery');
  const answers = ['Firulais', 'Valparaíso'];
  const rightAnswers = Object.fromEntries(
    [...page.body.matchAll(/name="answer-(\d+)"/g)].map((m) => [
      `answer-${m[1]}`,
      answers[genuine.questions.indexOf(Number(m[1]))] ?? '',
    ]),
  );
  return { browser: b, rightAnswers };
}

/** A browser's cookies as one header, and the CSRF field of the page at `path`. */
async function holding(b: Browser, path: string) {
  const page = await b.get(path);
  const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)?.[1];
  if (!csrf) throw new Error(`no CSRF field at ${path}`);
  return { cookie: [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; '), csrf };
}

/** Any text: every code point, the characters forms and cookies give meaning to, long runs. */
const anyText = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  {
    weight: 2,
    arbitrary: fc.string({
      unit: fc.constantFrom(
        '\u0000',
        '\uD800',
        '\uDFFF',
        '%',
        '&',
        '=',
        '+',
        ';',
        '"',
        '<',
        '\r\n',
        ' ',
        '\u202E',
        'ß',
        'İ',
        '🔑',
        '.',
        '/',
        '\\',
      ),
      maxLength: 60,
    }),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', minLength: 200, maxLength: 5000 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '',
      '0',
      '-1',
      '1e309',
      'NaN',
      '99999999999999999999',
      '2026-02-30',
      'true',
      '[]',
      '{}',
    ),
  },
);
/** Only what a header can carry: printable ASCII. */
const headerText = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  maxLength: 120,
});

/** Text as a path segment: escaped, and now and then with escapes no UTF-8 decodes. */
function pathPart(text: string): string {
  return `${encodeURIComponent(text.toWellFormed())}${text.length % 3 === 0 ? '%ED%A0%80%' : ''}`;
}

/** The console's forms' field names, from the code that reads them. */
const policyFieldNames: string[] = [];
const smtpFieldNames = [...Object.keys(emptySmtpFields), 'password', 'clearPassword'];

/** Every POST route with the fields its form has; `path` may take a fuzzed part. */
const routes: Array<{ path: (part: string) => string; fields: string[]; admin?: boolean }> = [
  { path: () => '/', fields: ['username'] },
  { path: (token) => `/link/${pathPart(token)}`, fields: [] },
  { path: (token) => `/verify/${pathPart(token)}`, fields: [] },
  {
    path: () => '/recovery/enroll',
    fields: ['alternateMail', 'alternateMailConfirm', 'questionId', 'answer'],
  },
  { path: () => '/recovery/answers', fields: answerFieldNames },
  { path: () => '/recovery/password', fields: ['password', 'passwordConfirm'] },
  { path: () => '/admin/sign-in', fields: ['user', 'password'] },
  // Not with the admin's cookie: the rest of the run would find the console signed out.
  { path: () => '/admin/sign-out', fields: [] },
  {
    path: () => '/admin/policy',
    fields: policyFieldNames,
    admin: true,
  },
  { path: () => '/admin/questions', fields: ['textEs', 'textEn'], admin: true },
  {
    path: () => `/admin/questions/${spareQuestion}`,
    fields: ['textEs', 'textEn', 'sameMeaning'],
    admin: true,
  },
  { path: () => `/admin/questions/${spareQuestion}/active`, fields: ['active'], admin: true },
  { path: () => `/admin/questions/${spareQuestion}/delete`, fields: [], admin: true },
  {
    path: () => '/admin/smtp/new',
    fields: smtpFieldNames,
    admin: true,
  },
  {
    path: () => `/admin/smtp/${spareSmtp}`,
    fields: smtpFieldNames,
    admin: true,
  },
  { path: () => `/admin/smtp/${spareSmtp}/delete`, fields: [], admin: true },
  {
    path: (name) =>
      `/admin/users/${pathPart(name)}/${userActions[name.length % userActions.length]}`,
    fields: [],
    admin: true,
  },
  {
    path: (action) => `/admin/users/${pathPart(action)}/${pathPart(action)}`,
    fields: [],
    admin: true,
  },
];
/** The audit log's and the user catalog's filters are GET forms. */
const filters: Array<{ path: string; fields: string[] }> = [
  { path: '/admin/audit', fields: ['user', 'actor', 'event', 'outcome', 'from', 'to', 'after'] },
  { path: '/admin/audit.csv', fields: ['user', 'actor', 'event', 'outcome', 'from', 'to'] },
  { path: '/admin/users', fields: ['q'] },
];

type Holder = 'none' | 'visitor' | 'admin' | 'made up' | 'forged session' | 'own session';
const fuzzedRequest = fc.record({
  route: fc.nat({ max: routes.length + filters.length - 1 }),
  part: anyText,
  fields: fc.array(fc.tuple(fc.oneof(fc.nat({ max: 9 }), anyText), anyText), { maxLength: 12 }),
  // Mostly right, or the CSRF check refuses every request before the routes see it.
  csrf: fc.constantFrom('right', 'right', 'right', 'right', 'right', 'missing', 'made up', 'twice'),
  madeUpCsrf: anyText,
  holder: fc.constantFrom<Holder>(
    'own session',
    'own session',
    'none',
    'visitor',
    'visitor',
    'admin',
    'admin',
    'admin',
    'made up',
    'forged session',
  ),
  madeUpCookie: headerText,
  // Mostly the two a form sends, which alone carry the CSRF field.
  body: fc.constantFrom(
    'urlencoded',
    'urlencoded',
    'urlencoded',
    'urlencoded',
    'multipart',
    'multipart',
    'json',
    'text',
    'no type',
    'broken multipart',
    'made-up type',
  ),
  madeUpType: headerText,
  origin: fc.oneof(
    { weight: 8, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constantFrom('null', 'https://evil.example', publicUrl) },
    { weight: 1, arbitrary: headerText },
  ),
  language: fc.option(headerText, { nil: undefined }),
});
type FuzzedRequest = typeof fuzzedRequest extends fc.Arbitrary<infer T> ? T : never;

/** The request a fuzzed input makes, as a browser (or a script posing as one) would send it. */
function requestOf(input: FuzzedRequest): { path: string; init: RequestInit } {
  const filter = filters[input.route - routes.length];
  const route = routes[input.route];
  const names = filter?.fields ?? route?.fields ?? [];
  // A field number names one of the form's fields (a second CSRF field is input.csrf's).
  const nameOf = (n: number) => names[n % names.length] ?? `field${n}`;
  const pairs = input.fields.map(([name, value]): [string, string] => [
    typeof name === 'number' ? nameOf(name) : name,
    value,
  ]);
  const holder = input.holder === 'admin' && !route?.admin && !filter ? 'visitor' : input.holder;
  const step = /^\/recovery\/(answers|password)/.exec(route?.path('') ?? '')?.[1] as
    | 'answers'
    | 'password'
    | undefined;
  const mine = own[step ?? 'enroll'];
  const held = holder === 'admin' ? admin : holder === 'own session' ? mine : visitor;
  if (input.csrf === 'right' || input.csrf === 'twice') pairs.unshift(['csrf', held.csrf]);
  if (input.csrf === 'made up' || input.csrf === 'twice') pairs.push(['csrf', input.madeUpCsrf]);
  const headers = new Headers();
  const cookie = {
    none: undefined,
    visitor: visitor.cookie,
    admin: admin.cookie,
    'own session': mine.cookie,
    'made up': input.madeUpCookie,
    // The genuine user's recovery named in the cookie, with a secret the attacker invented.
    'forged session': `${visitor.cookie}; sspr_session=${Buffer.from(recoveryWorkflowId(genuine.uid)).toString('base64url')}.${input.madeUpCookie.replace(/;/g, '')}`,
  }[holder];
  if (cookie !== undefined) headers.set('cookie', cookie);
  if (input.origin !== undefined) headers.set('origin', input.origin);
  if (input.language !== undefined) headers.set('accept-language', input.language);
  if (filter) {
    const query = new URLSearchParams(pairs).toString();
    return { path: `${filter.path}?${query}`, init: { headers } };
  }
  const path = (route as (typeof routes)[number]).path(input.part);
  const raw = pairs.map(([name, value]) => `${name}=${value}`).join('&');
  let body: RequestInit['body'];
  switch (input.body) {
    case 'urlencoded':
      headers.set('content-type', 'application/x-www-form-urlencoded');
      body = new URLSearchParams(pairs);
      break;
    case 'multipart': {
      const form = new FormData();
      for (const [name, value] of pairs) form.append(name, value);
      body = form;
      break;
    }
    case 'json':
      headers.set('content-type', 'application/json');
      body = JSON.stringify(Object.fromEntries(pairs));
      break;
    case 'text':
      headers.set('content-type', 'text/plain');
      body = raw;
      break;
    case 'broken multipart':
      headers.set('content-type', 'multipart/form-data; boundary=x');
      body = `--x\r\ncontent-disposition: form-data; name="${raw}"\r\n\r\n${raw}`;
      break;
    case 'made-up type':
      headers.set('content-type', input.madeUpType);
      body = raw;
      break;
    default:
      body = raw;
  }
  return { path, init: { method: 'POST', headers, body } };
}

/** A line of a stack trace, or a path of the project's files or of Node's. */
const leaks = [
  /\n\s*at \S.*:\d+:\d+/,
  /\.(ts|tsx|js|mjs):\d+/,
  /node_modules|node:internal/,
  new RegExp(process.cwd().replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')),
];

describe('every form, fuzzed: no server error, no trace, nothing lost for the genuine user', () => {
  // The fuzzer's first finding: the CSRF check read the body and let a parse error through.
  it('a multipart body cut short is refused like a form without its token, not a 500', async () => {
    const response = await stack.app.request('/', {
      method: 'POST',
      headers: {
        cookie: visitor.cookie,
        'content-type': 'multipart/form-data; boundary=x',
      },
      body: `--x\r\ncontent-disposition: form-data; name="csrf"\r\n\r\n${visitor.csrf}`,
    });
    expect(response.status).toBe(403);
    // In the visitor's language, Spanish.
    expect(await response.text()).toContain('Este formulario caducó');
  });

  it(`${runs} fuzzed requests on every POST route and filter`, {
    timeout: 180_000 + runs * 100,
  }, async () => {
    const counts = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(fuzzedRequest, async (input) => {
        const { path, init } = requestOf(input);
        const response = await stack.app.request(path, init);
        const body = await response.text();
        const key = `${init.method ?? 'GET'} ${path
          .split('?')[0]
          ?.replace(/\/(link|verify)\/.*/, '/$1/…')
          .replace(/\/admin\/users\/.*/, '/admin/users/…/…')} ${response.status}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
        expect(response.status, `${init.method ?? 'GET'} ${path}`).toBeLessThan(500);
        for (const leak of leaks) expect(body).not.toMatch(leak);
      }),
      { numRuns: runs },
    );
    const byStatus = new Map<number, number>();
    for (const [key, n] of counts) {
      const status = Number(key.split(' ').at(-1));
      byStatus.set(status, (byStatus.get(status) ?? 0) + n);
    }
    console.log(
      `fuzzed ${runs} requests; by status: ${JSON.stringify(Object.fromEntries(byStatus))}`,
    );
    if (process.env.SSPR_FUZZ_RUNS)
      console.log(JSON.stringify(Object.fromEntries([...counts].sort()), null, 1));

    // The genuine user's link and forms still work: their enrollment goes through.
    const b = genuine.browser;
    const form = await b.get('/recovery');
    expect(form.status).toBe(200);
    expect(form.body).toContain('Set up your security questions');
    const saved = await enrolThroughPage(b, genuine.uid);
    expect(saved.status).toBe(303);
    expect((await b.get(saved.headers.get('location') as string)).body).toContain(
      'Your questions are saved',
    );
    const answering = await user.linkFor(genuine.mail, { subjectIncludes: 'Continue recovering' });
    expect(answering.path).toMatch(/^\/link\//);
  });
});
