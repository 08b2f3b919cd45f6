import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  configurationDoc,
  configurationDocFile,
  regenerateCommand,
} from '../../scripts/configuration-doc';

describe('the configuration reference', () => {
  it('docs/configuration.md is what the settings generate now', async () => {
    const committed = await readFile(configurationDocFile, 'utf8').catch(() => 'missing');
    expect(
      committed,
      `docs/configuration.md differs from the settings: ${regenerateCommand} writes it again`,
    ).toBe(configurationDoc());
  });
});
