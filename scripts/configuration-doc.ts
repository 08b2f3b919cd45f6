// Writes docs/configuration.md from the settings' definitions (common/config/settings.ts):
//   npm run docs:config
// A unit test fails while the committed file differs from what this writes.
import { writeFileSync } from 'node:fs';
import { type Documented, sections, settingsOf } from '../common/config/definition';
import { configFile, configuration } from '../common/config/settings';
import { adDefaults } from '../directory/ad-directory';
import { openLdapDefaults } from '../directory/ldap-directory';

export const configurationDocFile = new URL('../docs/configuration.md', import.meta.url);
export const regenerateCommand = 'npm run docs:config';

const code = (text: string) => `\`${text}\``;

/** What an unset directory setting means for each kind, from the directory's own defaults. */
function kindDefaults(path: string[]): string[] {
  const [group, key = ''] = path;
  if (group !== 'ldap') return [];
  const kinds = [
    ['OpenLDAP', openLdapDefaults],
    ['AD', adDefaults],
  ] as const;
  return kinds.flatMap(([kind, defaults]) =>
    key in defaults ? [`${kind}: ${code(String(defaults[key as keyof typeof defaults]))}`] : [],
  );
}

function defaultOf(setting: Documented, path: string[]): string {
  const value = setting.default === undefined ? undefined : code(setting.default);
  const shown = value && setting.unset ? `${value} (${setting.unset})` : (value ?? setting.unset);
  const all = [...kindDefaults(path), ...(shown ? [shown] : [])];
  return all.length > 0 ? all.join('; ') : 'none';
}

/** A Markdown table laid out as the formatter lays it out (columns padded to the widest). */
function table(header: string[], rows: string[][]): string[] {
  const cells = [header, ...rows].map((row) => row.map((cell) => cell.replaceAll('|', '\\|')));
  const widths = header.map((_, i) => Math.max(...cells.map((row) => [...(row[i] ?? '')].length)));
  const line = (row: string[]) =>
    `| ${row.map((cell, i) => cell + ' '.repeat((widths[i] ?? 0) - [...cell].length)).join(' | ')} |`;
  const [head = [], ...body] = cells;
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)];
}

export function configurationDoc(): string {
  const entries = [{ setting: configFile, path: [] as string[] }, ...settingsOf(configuration)];
  const lines = [
    '# Configuration',
    '',
    `Generated from the settings' definitions in \`common/config/settings.ts\` by \`scripts/configuration-doc.ts\`: change a setting there, then run \`${regenerateCommand}\`.`,
    '',
    `Every setting is an environment variable; the same names can also sit in a JSON file named by \`${configFile.env}\` (the environment wins). An empty variable counts as unset. A bad value stops start-up with a line naming the variable and what is wrong. The defaults run the demo that \`npm start\` brings up.`,
  ];
  for (const [section, title] of Object.entries(sections)) {
    const rows = entries
      .filter(({ setting }) => setting.section === section)
      .map(({ setting, path }) => [code(setting.env), defaultOf(setting, path), setting.meaning]);
    lines.push('', `## ${title}`, '', ...table(['variable', 'default', 'meaning'], rows));
  }
  return `${lines.join('\n')}\n`;
}

if (import.meta.main) writeFileSync(configurationDocFile, configurationDoc());
