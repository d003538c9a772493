import { and, asc, eq, inArray, notInArray } from 'drizzle-orm';
import { ROLE_CODES, ROLE_PERMISSIONS } from '../../../common/permissions';
import type { CaseApproval } from '../../../common/schemas/cases.schema';
import type { Db } from '../../db/client';
import { AppError } from '../../lib/errors';
import { userScopes, users } from '../users/users.table';
import { approvalFacts, notifyUser, type LoadedCase } from './cases.access';
import { ownSupervisorApproves, PENDING_STATUSES, type ApprovalFacts } from './cases.policy';

/** Roles that approve plans and closures (`cases.approve`): supervisors and agency heads. */
const APPROVER_ROLES = ROLE_CODES.filter((r) => ROLE_PERMISSIONS[r].includes('cases.approve'));

type Person = { id: string; name: string };

/**
 * Who may approve a case's pending plan or closure (cases.policy canApproveCase, for people rather
 * than one caller): its own supervisor; else the active supervisors and agency heads whose scope
 * covers the case, save its lead and whoever sent it — none for a restricted case.
 */
export async function approversOf(db: Db, c: LoadedCase, facts: ApprovalFacts): Promise<{ byOwnSupervisor: boolean; people: Person[] }> {
  const byOwnSupervisor = ownSupervisorApproves(facts);
  if (byOwnSupervisor || c.row.restricted) {
    const people = byOwnSupervisor ? await db.select({ id: users.id, name: users.displayName }).from(users).where(eq(users.id, facts.supervisorUserId!)) : [];
    return { byOwnSupervisor, people };
  }
  const excluded = [facts.leadUserId, facts.submittedBy].filter((x): x is string => !!x);
  const people = await db
    .selectDistinct({ id: users.id, name: users.displayName })
    .from(users)
    .innerJoin(userScopes, and(eq(userScopes.userId, users.id), eq(userScopes.communityId, c.row.communityId)))
    .where(and(inArray(users.role, APPROVER_ROLES), eq(users.disabled, false), excluded.length ? notInArray(users.id, excluded) : undefined))
    .orderBy(asc(users.displayName));
  return { byOwnSupervisor, people };
}

/**
 * Sends the plan or closure the caller submits to its approvers, with a notification each; 409
 * `cases.no_approver` when nobody may approve it (a restricted case whose supervisor leads it or
 * submits it: the lead adds another supervisor to the team first).
 */
export async function sendForApproval(db: Db, c: LoadedCase, submitter: string, to: 'plan_review' | 'closure_review', text: string): Promise<void> {
  const { byOwnSupervisor, people } = await approversOf(db, c, { ...approvalFacts(c), status: to, submittedBy: submitter });
  if (!people.length) throw new AppError('cases.no_approver', 409, { restricted: c.row.restricted });
  const why = byOwnSupervisor ? '' : '（本个案的督导是主责社工或提交人，转由您审批）';
  for (const p of people) await notifyUser(db, p.id, to, c, `${text}${why}`);
}

/** The case's pending approval as its page shows it: what, sent by whom, approved by whom. */
export async function presentApproval(db: Db, c: LoadedCase, names: Map<string, string>): Promise<CaseApproval | null> {
  if (!PENDING_STATUSES.includes(c.row.status)) return null;
  const { byOwnSupervisor, people } = await approversOf(db, c, approvalFacts(c));
  return {
    kind: c.row.status === 'plan_review' ? 'plan' : 'closure',
    submittedByName: c.submittedBy ? (names.get(c.submittedBy) ?? null) : null,
    byOwnSupervisor,
    approvers: people.map((p) => p.name),
  };
}
