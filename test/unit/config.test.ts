import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../common/config';
import { configProblems } from '../support/config-problems';

describe('configuration', () => {
  it('runs the demo with no settings at all', () => {
    const config = loadConfig({});
    expect(config.publicUrl).toBe('http://127.0.0.1:3000');
    expect(config.temporal).toMatchObject({ address: '127.0.0.1:7233', local: true });
    expect(config.ldap.url).toBe('ldap://127.0.0.1:3389');
    expect(config.database).toEqual({
      dialect: 'sqlite',
      file: join(config.dataDir, 'sspr.sqlite'),
    });
    expect(config.secureCookies).toBe(false);
    // No product name: pages and e-mails use the default in each reader's language.
    expect(config.productName).toBeUndefined();
  });

  it('names every bad variable and says what is wrong with it', () => {
    const problems = configProblems({
      SSPR_WEB_PORT: '99999',
      SSPR_LDAP_URL: 'http://dc1',
      SSPR_SMTP_TLS: 'maybe',
      SSPR_MAIL_FROM: 'not-an-address',
      TEMPORAL_ADDRESS: 'no-port',
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'SSPR_WEB_PORT: must be between 1 and 65535',
        'SSPR_LDAP_URL: must start with ldap:// or ldaps://',
        'SSPR_MAIL_FROM: must be an e-mail address',
        'TEMPORAL_ADDRESS: must be host:port',
      ]),
    );
    expect(problems.some((p) => p.startsWith('SSPR_SMTP_TLS:'))).toBe(true);
  });

  it('keeps the data in SQLite, or in PostgreSQL when the database URL says so', () => {
    const at = (url: string) => loadConfig({ SSPR_DATABASE_URL: url }).database;
    expect(at('sqlite:elsewhere/sspr.db')).toEqual({
      dialect: 'sqlite',
      file: join(process.cwd(), 'elsewhere/sspr.db'),
    });
    for (const url of [
      'postgres://sspr:pw@db1:5432/sspr',
      'postgresql://db1/sspr?sslmode=require',
    ]) {
      expect(at(url)).toEqual({ dialect: 'postgres', url });
    }
    const problems = configProblems({ SSPR_DATABASE_URL: 'mysql://sspr:secret-pw@db1/sspr' });
    expect(problems).toEqual([
      'SSPR_DATABASE_URL: must be sqlite:<file path>, or postgres://user:password@host:port/database for PostgreSQL',
    ]);
    // The URL may hold a password: a problem never repeats it.
    expect(problems.join()).not.toContain('secret-pw');
  });

  it('reads a JSON file of the same names, and the environment wins over it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sspr-config-'));
    const file = join(dir, 'config.json');
    writeFileSync(
      file,
      JSON.stringify({
        SSPR_WEB_PORT: 8080,
        SSPR_PRODUCT_NAME: 'Acme',
        TEMPORAL_TLS: true,
        SSPR_WEB_HOST: '',
      }),
    );
    const config = loadConfig({ SSPR_CONFIG_FILE: file, SSPR_PRODUCT_NAME: 'From env' });
    expect(config.web.port).toBe(8080);
    expect(config.productName).toBe('From env');
    // JSON's own true and false; an empty value is unset, as in the environment.
    expect(config.temporal.tls).toBe(true);
    expect(config.web.host).toBe('127.0.0.1');
  });

  it('refuses a config file with an unknown setting or that is not JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sspr-config-'));
    const typo = join(dir, 'typo.json');
    writeFileSync(typo, JSON.stringify({ SSPR_WEB_PROT: 1 }));
    expect(configProblems({ SSPR_CONFIG_FILE: typo })).toEqual([
      'SSPR_WEB_PROT: not a known setting (in SSPR_CONFIG_FILE)',
    ]);
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ nope');
    expect(configProblems({ SSPR_CONFIG_FILE: broken })[0]).toContain('must hold one JSON object');
    expect(configProblems({ SSPR_CONFIG_FILE: join(dir, 'missing.json') })[0]).toContain(
      'cannot read',
    );
  });

  it('a cluster address means no local Temporal server; an API key implies TLS', () => {
    const config = loadConfig({
      TEMPORAL_ADDRESS: 'ns.acct.tmprl.cloud:7233',
      TEMPORAL_API_KEY: 'k',
    });
    expect(config.temporal).toMatchObject({ local: false, tls: true, apiKey: 'k' });
  });

  it('the admin console on a listener of its own: host:port, at http://host:port unless its URL is given', () => {
    expect(loadConfig({}).adminListener).toBeUndefined();
    expect(loadConfig({ SSPR_ADMIN_LISTEN: '10.0.0.5:3001' }).adminListener).toEqual({
      host: '10.0.0.5',
      port: 3001,
      url: 'http://10.0.0.5:3001',
    });
    expect(
      loadConfig({ SSPR_ADMIN_LISTEN: '[::1]:3001', SSPR_ADMIN_URL: 'https://admin.example.org/' })
        .adminListener,
    ).toEqual({ host: '::1', port: 3001, url: 'https://admin.example.org' });
    expect(configProblems({ SSPR_ADMIN_LISTEN: 'admin.example.org' })).toEqual([
      'SSPR_ADMIN_LISTEN: must be host:port, such as 127.0.0.1:3001 or [::1]:3001',
    ]);
    expect(configProblems({ SSPR_ADMIN_LISTEN: '127.0.0.1:70000' })).toEqual([
      'SSPR_ADMIN_LISTEN: must end in a port number from 1 to 65535',
    ]);
    expect(configProblems({ SSPR_ADMIN_URL: 'https://admin.example.org' })).toEqual([
      'SSPR_ADMIN_URL: set it together with SSPR_ADMIN_LISTEN, or neither',
    ]);
  });

  it('an https public URL makes cookies Secure', () => {
    expect(loadConfig({ SSPR_PUBLIC_URL: 'https://sspr.acme.example/' })).toMatchObject({
      publicUrl: 'https://sspr.acme.example',
      secureCookies: true,
    });
  });

  it('a brand colour must keep text readable (WCAG AA), and a logo must be an image file', () => {
    expect(configProblems({ SSPR_BRAND_COLOR: '#ffcc00' })).toEqual([
      'SSPR_BRAND_COLOR: must contrast at least 4.5:1 with white (WCAG AA); #ffcc00 gives 1.5:1, so choose a darker colour',
    ]);
    expect(configProblems({ SSPR_BRAND_COLOR: 'teal' })).toEqual([
      'SSPR_BRAND_COLOR: must be a colour as #rrggbb',
    ]);
    expect(loadConfig({ SSPR_BRAND_COLOR: '#0b5394' }).brand).toEqual({ color: '#0b5394' });
    expect(configProblems({ SSPR_BRAND_LOGO_FILE: 'logo.gif' })).toEqual([
      'SSPR_BRAND_LOGO_FILE: must be a PNG, SVG, JPEG or WebP file',
    ]);
    expect(configProblems({ SSPR_BRAND_LOGO_FILE: '/nowhere/logo.png' })).toEqual([
      'SSPR_BRAND_LOGO_FILE: no such file',
    ]);
  });
});
