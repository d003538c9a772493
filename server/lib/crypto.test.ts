import { describe, expect, it } from 'vitest';
import { blindIndex, decrypt, encrypt, randomToken, setDataKey } from './crypto';
import { TEST_DATA_KEY } from '../testing/constants';

describe('crypto', () => {
  it('round-trips a value through AES-GCM with a fresh IV each time', () => {
    const a = encrypt('11010519491231002X');
    const b = encrypt('11010519491231002X');
    expect(a).toMatch(/^v1\./);
    expect(a).not.toBe(b);
    expect(a).not.toContain('11010519491231002X');
    expect(decrypt(a)).toBe('11010519491231002X');
    expect(decrypt(b)).toBe('11010519491231002X');
    expect(encrypt(null)).toBeNull();
    expect(decrypt(null)).toBeNull();
  });

  it('refuses a tampered ciphertext instead of answering wrong plaintext', () => {
    const c = encrypt('13800138000');
    const buf = Buffer.from(c.slice(3), 'base64');
    buf[buf.length - 1] ^= 1;
    expect(() => decrypt(`v1.${buf.toString('base64')}`)).toThrow();
    expect(() => decrypt('v0.abc')).toThrow(/version/);
  });

  it('gives the same blind index for the same value and different ones otherwise', () => {
    expect(blindIndex('13800138000')).toBe(blindIndex('13800138000'));
    expect(blindIndex('13800138000')).not.toBe(blindIndex('13800138001'));
    expect(blindIndex('13800138000')).not.toContain('13800138000');
    expect(blindIndex(undefined)).toBeNull();
  });

  it('depends on the key: another key neither decrypts nor matches the index', () => {
    const c = encrypt('secret');
    const index = blindIndex('secret');
    try {
      setDataKey(Buffer.alloc(32, 9));
      expect(() => decrypt(c)).toThrow();
      expect(blindIndex('secret')).not.toBe(index);
    } finally {
      setDataKey(TEST_DATA_KEY);
    }
    expect(decrypt(c)).toBe('secret');
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => setDataKey(Buffer.alloc(16))).toThrow(/32 bytes/);
  });

  it('makes tokens of at least 256 bits', () => {
    expect(Buffer.from(randomToken(), 'base64url')).toHaveLength(32);
    expect(randomToken()).not.toBe(randomToken());
  });
});
