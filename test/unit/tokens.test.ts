import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalUsername, isWellFormedUsername } from '../../common/domain/username';
import { newToken, tokenDigest, tokenPattern } from '../../common/tokens';
import { constantTimeEqual } from '../../workflows/constant-time';

describe('tokens (ASVS 2.3.1, 2.7.5)', () => {
  it('are 256 random bits, URL-safe, never twice the same', () => {
    const tokens = new Set(Array.from({ length: 1000 }, newToken));
    expect(tokens.size).toBe(1000);
    for (const token of tokens) {
      expect(token).toMatch(tokenPattern);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    }
  });

  it('digests depend on the key and the purpose', () => {
    const key = randomBytes(32);
    const token = newToken();
    expect(tokenDigest(key, 'link', token)).toBe(tokenDigest(key, 'link', token));
    expect(tokenDigest(key, 'link', token)).not.toBe(tokenDigest(key, 'session', token));
    expect(tokenDigest(key, 'link', token)).not.toBe(tokenDigest(randomBytes(32), 'link', token));
    expect(tokenDigest(key, 'link', token)).not.toContain(token);
  });

  it('constantTimeEqual agrees with ===', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'ab')).toBe(false);
    expect(constantTimeEqual('', 'a')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
  });
});

describe('usernames (R8)', () => {
  it('one account, one spelling: NFKC, trimmed, lower case', () => {
    expect(canonicalUsername('  Ana.Garcia ')).toBe('ana.garcia');
    expect(canonicalUsername('ＪＤＯＥ')).toBe('jdoe');
  });

  it('accepts uid, sAMAccountName and UPN shapes; refuses spaces, filters and control characters', () => {
    for (const ok of ['jdoe', 'ana.garcia', 'j_doe-2', 'jdoe@example.org', 'josé']) {
      expect(isWellFormedUsername(ok)).toBe(true);
    }
    for (const bad of ['', 'a b', 'j*', '(uid=*)', 'x\u0000', 'a'.repeat(65), 'dom\\user']) {
      expect(isWellFormedUsername(bad)).toBe(false);
    }
  });
});
