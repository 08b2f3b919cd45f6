import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Hono } from 'hono';

const types: Record<string, string> = {
  css: 'text/css; charset=utf-8',
  js: 'text/javascript',
  svg: 'image/svg+xml',
};

/** A file made at start (the brand's stylesheet, a configured logo). */
export interface GeneratedAsset {
  body: Buffer;
  type: string;
}

/**
 * Static files served from memory under names that carry their content's hash, so browsers
 * may keep them for a year and never use a stale one after an upgrade.
 */
export function staticAssets(files: Record<string, URL | GeneratedAsset>) {
  const byName = new Map<string, GeneratedAsset>();
  const urls: Record<string, string> = {};
  for (const [logical, source] of Object.entries(files)) {
    const extension = logical.slice(logical.lastIndexOf('.') + 1);
    const asset =
      source instanceof URL
        ? { body: readFileSync(source), type: types[extension] ?? 'application/octet-stream' }
        : source;
    const hash = createHash('sha256').update(asset.body).digest('hex').slice(0, 12);
    const name = `${logical.slice(0, -extension.length - 1)}.${hash}.${extension}`;
    byName.set(name, asset);
    urls[logical] = `/assets/${name}`;
  }
  return {
    urls,
    mount(app: Hono<never>) {
      app.get('/assets/:name', (c) => {
        const asset = byName.get(c.req.param('name'));
        if (!asset) return c.notFound();
        c.header('Content-Type', asset.type);
        c.header('Cache-Control', 'public, max-age=31536000, immutable');
        return c.body(new Uint8Array(asset.body));
      });
    },
  };
}
