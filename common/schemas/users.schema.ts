import { z } from 'zod';
import { ROLE_CODES } from '../permissions';
import { pageQuery, text, uuid } from './common.schema';

export const postInput = z.object({ orgUnitId: uuid, canViewRestricted: z.boolean().default(false) }).strict();

export const username = z
  .string({ error: 'required' })
  .trim()
  .min(2, 'too_short')
  .max(40, 'too_long')
  .regex(/^[A-Za-z0-9_.-]+$/, 'invalid');

export const userCreateInput = z
  .object({
    username,
    displayName: z.string({ error: 'required' }).trim().min(1, 'required').max(50, 'too_long'),
    role: z.enum(ROLE_CODES, { error: 'invalid_option' }),
    phone: text(30),
    /** A social worker's 督导 (a user with the supervisor role). */
    supervisorId: uuid.nullish(),
    posts: z.array(postInput).max(300).default([]),
  })
  .strict();
export type UserCreateInput = z.infer<typeof userCreateInput>;

export const userUpdateInput = z
  .object({
    displayName: z.string().trim().min(1, 'required').max(50, 'too_long'),
    role: z.enum(ROLE_CODES, { error: 'invalid_option' }),
    phone: text(30),
    supervisorId: uuid.nullable(),
    posts: z.array(postInput).max(300),
    disabled: z.boolean(),
    version: z.number().int().min(1),
  })
  .partial()
  .strict();
export type UserUpdateInput = z.infer<typeof userUpdateInput>;

export const userListQuery = pageQuery.extend({ q: z.string().trim().max(50).optional(), role: z.enum(ROLE_CODES).optional() }).strict();

export type UserPost = { orgUnitId: string; orgUnitName: string; kind: string; canViewRestricted: boolean };
export type User = {
  id: string;
  username: string;
  displayName: string;
  role: string;
  phone: string | null;
  supervisorId: string | null;
  posts: UserPost[];
  disabled: boolean;
  locked: boolean;
  mustChangePassword: boolean;
  /** TOTP on; needed by the role; waived by the demo seed. */
  secondFactor: { enabled: boolean; required: boolean; exempt: boolean };
  lastLoginAt: string | null;
  version: number;
  createdAt: string;
};
/** Answer to creating a user or resetting a password: the code is shown once, to the administrator. */
export type OneTimeCode = { oneTimeCode: string; expiresAt: string };

export const strongPassword = z
  .string({ error: 'required' })
  .min(8, 'password.weak')
  .max(128, 'too_long')
  .refine((v) => /[A-Za-z]/.test(v) && /\d/.test(v), 'password.weak');
