import crypto from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { blindIndex } from '../../lib/crypto';

// RFC 6238 TOTP as every authenticator app reads it: HMAC-SHA-1, 6 digits, 30-second steps.
export const TOTP_ISSUER = '邻里 Linli';
const PERIOD = 30;

const totpOf = (secret: string, username = '') =>
  new TOTP({ issuer: TOTP_ISSUER, label: username, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(secret) });

/** A new random secret (160 bits, RFC 4226 §4), in base32 as apps take it typed in. */
export const newTotpSecret = () => new Secret({ size: 20 }).base32;

/** The `otpauth://totp/…` address the enrolment QR code carries. */
export const totpUri = (secret: string, username: string) => totpOf(secret, username).toString();

/**
 * The time step a code belongs to, when it is right for now or one step either side (clock skew);
 * null otherwise. The caller accepts a step only once (a code used once cannot be used again).
 */
export function totpStep(secret: string, code: string, now: Date): number | null {
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const totp = totpOf(secret);
  const delta = totp.validate({ token, timestamp: now.getTime(), window: 1 });
  return delta === null ? null : totp.counter({ timestamp: now.getTime() }) + delta;
}

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const RECOVERY_CODE_COUNT = 10;

/** Ten one-time recovery codes such as `K7P3X-9QM2T` (50 bits each), shown to the user once. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = [...crypto.randomBytes(10)].map((b) => ALPHABET[b % ALPHABET.length]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** How a recovery code is kept: a keyed hash of it as typed in any case, with or without the dash. */
export const recoveryCodeHash = (code: string) => blindIndex(`recovery:${code.replace(/[\s-]/g, '').toUpperCase()}`)!;
