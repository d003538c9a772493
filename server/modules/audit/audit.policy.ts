import { and, eq, inArray, type SQL } from 'drizzle-orm';
import { summaryAuditActions } from '../../../common/codes/audit.codes';
import type { AuditEntry } from '../../../common/schemas/audit.schema';
import type { Actor } from '../../lib/actor';
import { blindIndex } from '../../lib/crypto';
import { auditLog } from './audit.table';

/*
 * Who reads what of the audit log (等保 2.0 三级 安全审计 and 三权分立: system administrator,
 * security administrator, audit administrator; 个人信息保护法 第6条 minimum necessary).
 *
 * The audit administrator (`audit.read_detail`) reads every row in full, and each such read is
 * itself a row (`audit.read_detail`).
 *
 * The system administrator (`audit.read` alone) reads who did what, when, from where, with what
 * outcome, and to which record — never residents' data, nor which residents or cases are
 * restricted:
 *  1. Rows: only actions classified in AUDIT_ACTIONS and not restricted (`*.view_restricted`,
 *     every `safeguarding.*`), and no row marked `restricted` (every row about a restricted case
 *     or a referral of one, from intake on). An action added later stays out until classified.
 *  2. Filters and totals count only those rows: searching for a restricted case's id, or for a
 *     restricted action, answers like searching for something that never happened.
 *  3. Changes: the names of the changed fields, not their values (names, ID numbers even masked,
 *     phones, addresses, tags, notes). A field name says what kind of edit it was; the tags field
 *     is named whether the tag was restricted or not, so it tells nothing. Values are shown only for
 *     the records the system administrator manages: users, org units, risk levels.
 *  4. Detail: only SUMMARY_DETAIL (how, which field, how many; staff ids) — never file names,
 *     notes, case numbers, kinds, targets or search filters, which can name or describe a person.
 *  5. Row ids are opaque (a keyed hash): the sequence would show where hidden rows fell between two
 *     visible ones (a read of a restricted record right before an edit of it).
 */

/** Whether the caller reads the log in full. */
export const seesFullAudit = (actor: Pick<Actor, 'permissions'>) => actor.permissions.has('audit.read_detail');

const SUMMARY_ACTIONS = summaryAuditActions();

/** Records whose changes the system administrator sees with their values: the ones they manage. */
const MANAGED_ENTITY_TYPES = ['user', 'org_unit', 'risk_level'];

const always = () => true;
/** Detail keys the summary keeps, each with the actions whose values carry no personal data. */
const SUMMARY_DETAIL: Record<string, (action: string) => boolean> = {
  reason: (a) => a.startsWith('auth.'),
  via: always,
  secondFactor: always,
  left: always,
  wasEnabled: always,
  method: always,
  route: always,
  permission: always,
  field: always,
  fields: always,
  mode: always,
  rows: always,
  total: always,
  valid: always,
  created: always,
  updated: always,
  skipped: always,
  errorRows: always,
  residents: always,
  cases: always,
  role: (a) => a.startsWith('cases.team_'),
  userId: always,
  fromUserId: always,
  toUserId: always,
};

type Row = Pick<typeof auditLog.$inferSelect, 'action' | 'restricted'>;

/** The single-row rule, the same as `visibleAuditWhere` states in SQL. */
export function canSeeAuditRow(actor: Pick<Actor, 'permissions'>, row: Row): boolean {
  return seesFullAudit(actor) || (!row.restricted && SUMMARY_ACTIONS.includes(row.action));
}

/** The rows the caller may see (undefined: all). */
export function visibleAuditWhere(actor: Pick<Actor, 'permissions'>): SQL | undefined {
  if (seesFullAudit(actor)) return undefined;
  return and(eq(auditLog.restricted, false), inArray(auditLog.action, SUMMARY_ACTIONS));
}

/** A row as the system administrator sees it (rule 3–5 above). */
export function summarize(entry: AuditEntry): AuditEntry {
  const managed = !!entry.entityType && MANAGED_ENTITY_TYPES.includes(entry.entityType);
  const detail = Object.fromEntries(Object.entries(entry.detail ?? {}).filter(([k]) => SUMMARY_DETAIL[k]?.(entry.action)));
  return {
    ...entry,
    id: `s${blindIndex(`audit:${entry.id}`)!.slice(0, 22)}`,
    changes: managed ? entry.changes : null,
    detail: Object.keys(detail).length ? detail : null,
  };
}
