import { z } from 'zod';
import { strongPassword } from './users.schema';

export const loginInput = z
  .object({
    username: z.string({ error: 'required' }).trim().min(1, 'required').max(60, 'too_long'),
    password: z.string({ error: 'required' }).min(1, 'required').max(200, 'too_long'),
    /** The second factor of a user who has one: six digits from the app, or one recovery code. */
    totp: z.string().trim().max(20, 'too_long').optional(),
    recoveryCode: z.string().trim().max(40, 'too_long').optional(),
  })
  .strict();

/** A code typed while signed in: from the authenticator app, or (to turn it off or renew) a recovery code. */
export const secondFactorCodeInput = z.object({ code: z.string({ error: 'required' }).trim().min(1, 'required').max(40, 'too_long') }).strict();

/**
 * `currentPassword` may be left out only at the first login after an administrator's reset: the
 * user has just typed the one-time code to sign in, and is not asked for it again.
 */
export const changePasswordInput = z
  .object({ currentPassword: z.string({ error: 'required' }).min(1, 'required').max(200).optional(), newPassword: strongPassword })
  .strict();

export type CommunityRef = { id: string; name: string; kind: string };

/** Who is logged in and what they may do: `GET /api/auth/me`. */
export type Me = {
  id: string;
  username: string;
  displayName: string;
  role: string;
  permissions: string[];
  communities: CommunityRef[];
  restrictedCommunityIds: string[];
  mustChangePassword: boolean;
  /** The role needs a second factor and the user has none yet: they may only enrol. */
  mustEnrolSecondFactor: boolean;
  csrfToken: string;
};

/** What the login page may say before anyone signs in. */
export type LoginInfo = {
  /** Demo accounts exist that sign in without their second factor (set by the demo seed). */
  exemptAccounts: boolean;
};

export type SecondFactorStatus = { enabled: boolean; enabledAt: string | null; required: boolean; exempt: boolean; recoveryCodesLeft: number };
/** An enrolment begun: the secret as text and as the `otpauth://` address of the QR code. */
export type SecondFactorSetup = { secret: string; uri: string };
/** Ten one-time recovery codes, shown once. */
export type RecoveryCodes = { recoveryCodes: string[] };
