import { z } from 'zod';
import { dateString, pageQuery, uuid } from './common.schema';

export const auditListQuery = pageQuery
  .extend({
    q: z.string().trim().max(100).optional(),
    actorId: uuid.optional(),
    action: z.string().trim().max(60).optional(),
    entityType: z.string().trim().max(40).optional(),
    entityId: z.string().trim().max(60).optional(),
    outcome: z.enum(['success', 'failure', 'denied']).optional(),
    from: dateString.optional(),
    to: dateString.optional(),
  })
  .strict();
export type AuditListQuery = z.infer<typeof auditListQuery>;

/**
 * One row of the log as the caller may see it (server/modules/audit/audit.policy.ts): the system
 * administrator gets an opaque `id`, `changedFields` without `changes` for residents' records, and
 * a reduced `detail`; the audit administrator gets it all.
 */
export type AuditEntry = {
  id: string;
  at: string;
  actorId: string | null;
  actorUsername: string | null;
  actorRole: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  communityId: string | null;
  /** The community's name, for a reader who cannot list the organisation tree. */
  communityName: string | null;
  outcome: string;
  ip: string | null;
  /** The fields that changed (before and after not both empty). */
  changedFields: string[];
  changes: Record<string, [unknown, unknown]> | null;
  detail: Record<string, unknown> | null;
};
