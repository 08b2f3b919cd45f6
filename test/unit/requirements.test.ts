import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * docs/requirements.md is where the requirement ids resolve: every id the repository cites
 * must have an entry there, and every entry must name test files that exist.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const catalog = 'docs/requirements.md';
const citation = /\b[RS]\d{1,2}\b/g;

/** Installed packages, tools, local state and git's own files cite nothing of ours. */
const notOurs = new Set(['.git', '.tools', 'node_modules', 'data', 'test-results']);

/** Code, docs and scripts; JSON here is data (the lockfile, recorded histories), not prose. */
function holdsProse(path: string): boolean {
  return ['', '.ts', '.tsx', '.js', '.css', '.md'].includes(extname(path));
}

async function filesUnder(folder: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(join(root, folder), { withFileTypes: true })) {
    const path = folder ? `${folder}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (!notOurs.has(entry.name)) found.push(...(await filesUnder(path)));
    } else if (entry.isFile()) {
      found.push(path);
    }
  }
  return found;
}

/** Each id cited in the repository, with the files that cite it. */
async function citations(): Promise<Map<string, string[]>> {
  const cited = new Map<string, string[]>();
  for (const path of (await filesUnder('')).filter(holdsProse)) {
    const text = await readFile(join(root, path), 'utf8');
    for (const id of new Set(text.match(citation))) cited.set(id, [...(cited.get(id) ?? []), path]);
  }
  return cited;
}

interface Entry {
  id: string;
  tests: string[];
}

/** The entries of the catalog: a `### R1 …` heading, then the test files it names. */
async function entries(): Promise<Entry[]> {
  const markdown = await readFile(join(root, catalog), 'utf8');
  return markdown.split(/^(?=#{2,3} )/m).flatMap((section) => {
    const id = /^### ([RS]\d{1,2}) /.exec(section)?.[1];
    if (!id) return [];
    const tests = [...section.matchAll(/`(test\/[^`]+)`/g)].map((m) => m[1] as string);
    return [{ id, tests }];
  });
}

function byId(list: Entry[]): Map<string, Entry> {
  return new Map(list.map((entry) => [entry.id, entry]));
}

describe('the requirements catalog (docs/requirements.md)', () => {
  it('has an entry for every id cited in the code, the tests and the docs', async () => {
    const known = byId(await entries());
    const missing = [...(await citations())]
      .filter(([id]) => !known.has(id))
      .map(([id, files]) => `${id}, cited in ${files.join(', ')}`);
    expect(missing).toEqual([]);
  });

  it('has one entry per id, each naming test files that exist', async () => {
    const list = await entries();
    const ids = list.map((entry) => entry.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    const problems = list.flatMap(({ id, tests }) => [
      ...(tests.length === 0 ? [`${id} names no test file`] : []),
      ...tests
        .filter((path) => !/\.test\.tsx?$/.test(path) || !existsSync(join(root, path)))
        .map((path) => `${id} names ${path}: no such test file`),
    ]);
    expect(problems).toEqual([]);
  });

  it('names a test file under each id its file name carries', async () => {
    const known = byId(await entries());
    const tests = (await filesUnder('test')).filter((path) => /\.test\.tsx?$/.test(path));
    const unnamed = tests.flatMap((path) =>
      basename(path)
        .split(/[-.]/)
        .filter((part) => /^[rs]\d{1,2}$/.test(part))
        .map((part) => part.toUpperCase())
        .filter((id) => !known.get(id)?.tests.includes(path))
        .map((id) => `${id} does not name ${path}`),
    );
    expect(unnamed).toEqual([]);
  });
});

describe('R22: the packages and the top level the design card names', () => {
  it('are all there', async () => {
    const manifest = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    const installed = { ...manifest.dependencies, ...manifest.devDependencies };
    const packages = [
      '@temporalio/worker',
      '@temporalio/client',
      '@temporalio/workflow',
      'hono',
      'htmx.org',
      'nodemailer',
      'ldapts',
      'kysely',
      'better-sqlite3',
      'vitest',
    ];
    expect(packages.filter((name) => !(name in installed))).toEqual([]);
    const topLevel = ['package.json', 'tsconfig.json', 'README.md'];
    const folders = ['workflows', 'activities', 'web', 'worker', 'db', 'test'];
    expect([...topLevel, ...folders].filter((path) => !existsSync(join(root, path)))).toEqual([]);
  });
});
