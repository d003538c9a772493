import { asc, eq } from 'drizzle-orm';
import { chinaToday } from '../../../common/dates';
import type { Page } from '../../../common/schemas/common.schema';
import type { CasePlan } from '../../../common/schemas/cases.schema';
import { parallel, type Db } from '../../db/client';
import type { Actor } from '../../lib/actor';
import { users } from '../users/users.table';
import { loadCase } from './cases.access';
import { presentPlan } from './cases.presenter';
import { caseGoals, casePlans, caseTasks } from './cases.table';

/**
 * Every version of a case's plan, oldest first, each with its goals and its tasks as they ended (a
 * revision is a new version; the tasks of the one before keep their last status): the printed file
 * (MZ/T 071 §8.3.4: the service file keeps the records of the service process). 404 when the case is out of sight.
 */
export async function listPlanVersions({ db, actor, id }: { db: Db; actor: Actor; id: string }): Promise<Page<CasePlan>> {
  await loadCase({ db, actor, id });
  const [plans, goals, tasks] = await parallel(db, [
    () => db.select({ plan: casePlans, reviewer: users.displayName }).from(casePlans).leftJoin(users, eq(users.id, casePlans.reviewedBy))
      .where(eq(casePlans.caseId, id)).orderBy(asc(casePlans.version)),
    () => db.select().from(caseGoals).where(eq(caseGoals.caseId, id)).orderBy(asc(caseGoals.position)),
    () => db.select({ t: caseTasks, owner: users.displayName }).from(caseTasks).leftJoin(users, eq(users.id, caseTasks.ownerUserId))
      .where(eq(caseTasks.caseId, id)).orderBy(asc(caseTasks.position)),
  ]);
  const today = chinaToday();
  const data = plans.map(({ plan, reviewer }) =>
    presentPlan(plan, reviewer, goals.filter((g) => g.planId === plan.id), tasks.filter((x) => x.t.planId === plan.id), today));
  return { data, total: data.length };
}
