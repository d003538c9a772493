import { z } from 'zod';
import { strongPassword } from './users.schema';

export const loginInput = z
  .object({
    username: z.string({ error: 'required' }).trim().min(1, 'required').max(60, 'too_long'),
    password: z.string({ error: 'required' }).min(1, 'required').max(200, 'too_long'),
  })
  .strict();

export const changePasswordInput = z
  .object({ currentPassword: z.string({ error: 'required' }).min(1, 'required').max(200), newPassword: strongPassword })
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
  csrfToken: string;
};
