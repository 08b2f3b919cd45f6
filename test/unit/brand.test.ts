import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contrastRatio } from '../../common/contrast';
import { brandAssets } from '../../web/brand';

describe('branding', () => {
  it('computes WCAG contrast ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    // The stylesheet's own blue, on white.
    expect(contrastRatio('#1d4ed8', '#ffffff')).toBeGreaterThan(4.5);
  });

  it('serves the colour as a stylesheet and the logo as an image, nothing inline', () => {
    const logo = join(mkdtempSync(join(tmpdir(), 'brand-')), 'Acme.SVG');
    writeFileSync(logo, '<svg xmlns="http://www.w3.org/2000/svg"/>');
    const assets = brandAssets({ color: '#0b5394', logoFile: logo });
    expect(assets['brand.css']?.body.toString()).toBe(':root { --brand: #0b5394; }\n');
    expect(assets['logo.svg']?.type).toBe('image/svg+xml');
    expect(brandAssets({})).toEqual({});
  });
});
