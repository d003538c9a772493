import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

// 身份证号 and phone numbers are encrypted at rest (等保 2.0 数据保密性; PIPL 第51条).
// AES-256-GCM with a random 96-bit IV; HMAC-SHA-256 blind indexes for exact lookups.

type Keys = { enc: Buffer; mac: Buffer };
let keys: Keys | undefined;

/** Installs the data key (32 bytes). Called once at start, and by tests. */
export function setDataKey(key: Buffer): void {
  if (key.length !== 32) throw new Error('LINLI_DATA_KEY must be 32 bytes (base64)');
  keys = {
    enc: Buffer.from(crypto.hkdfSync('sha256', key, Buffer.alloc(0), 'linli/enc', 32)),
    mac: Buffer.from(crypto.hkdfSync('sha256', key, Buffer.alloc(0), 'linli/mac', 32)),
  };
}

/** Reads LINLI_DATA_KEY, or the key file in the data dir, generating it on first start. */
export function loadDataKey(opts: { dataKey?: string; dataDir: string }): Buffer {
  if (opts.dataKey) return Buffer.from(opts.dataKey, 'base64');
  const file = path.join(opts.dataDir, 'secret.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(opts.dataDir, { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
  }
  return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
}

function k(): Keys {
  if (!keys) throw new Error('data key not set');
  return keys;
}

export function encrypt(plain: string): string;
export function encrypt(plain: string | null | undefined): string | null;
export function encrypt(plain: string | null | undefined): string | null {
  if (plain == null) return null;
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', k().enc, iv);
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `v1.${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64')}`;
}

/** Decrypts; a tampered value throws rather than answering wrong plaintext. */
export function decrypt(value: string | null | undefined): string | null {
  if (value == null) return null;
  if (!value.startsWith('v1.')) throw new Error('unknown ciphertext version');
  const buf = Buffer.from(value.slice(3), 'base64');
  const decipher = crypto.createDecipheriv('aes-256-gcm', k().enc, buf.subarray(0, 12));
  decipher.setAuthTag(buf.subarray(12, 28));
  return Buffer.concat([decipher.update(buf.subarray(28)), decipher.final()]).toString('utf8');
}

/** Keyed hash for equality lookups (same input → same value; not reversible without the key). */
export function blindIndex(value: string | null | undefined): string | null {
  if (value == null) return null;
  return crypto.createHmac('sha256', k().mac).update(value).digest('base64url');
}

export const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
export const randomToken = (bytes = 32) => crypto.randomBytes(bytes).toString('base64url');
