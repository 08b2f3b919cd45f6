import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { logoTypes } from '../common/brand';
import type { GeneratedAsset } from './assets';

export interface Brand {
  /** #rrggbb for buttons and links; the configuration checks its contrast with white. */
  color?: string;
  logoFile?: string;
}

/**
 * The brand as static assets: a stylesheet that sets the colour (the Content-Security-Policy
 * allows no inline style) and the logo, both served like the other fingerprinted files.
 */
export function brandAssets(brand: Brand) {
  const files: Record<string, GeneratedAsset> = {};
  if (brand.color) {
    files['brand.css'] = {
      body: Buffer.from(`:root { --brand: ${brand.color}; }\n`),
      type: 'text/css; charset=utf-8',
    };
  }
  if (brand.logoFile) {
    const extension = extname(brand.logoFile).toLowerCase();
    // The configuration has checked the file and its kind.
    files[`logo${extension}`] = {
      body: readFileSync(brand.logoFile),
      type: logoTypes[extension] as string,
    };
  }
  return files;
}
