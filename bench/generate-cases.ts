// Adds the case-work data set to the 1,000,000 residents: 200,000 cases with their teams, plans,
// tasks and follow-ups, and 2,000,000 service records. Generated inside PostgreSQL (INSERT …
// SELECT over generate_series), since every value derives from the row number.
//
// Staff: two workers per community (`cw_<n>`), one supervisor per street (`sup_<street>`), and the
// resident bench's worker (`bench_worker`), who leads a third of the cases of the first two
// communities — a caseload of about 440 cases, 290 of them open, as a heavy real one.
import type pg from 'pg';
import { hashSecret } from '../server/modules/auth/auth.service';
import { BENCH_PASSWORD, BENCH_USERS } from './generate';

export const CASE_BENCH = { supervisor: 'sup_0' } as const;
type Log = (m: string) => void;
export type CaseGenerateResult = { seconds: number; cases: number; records: number; tasks: number; followups: number };

export async function generateCases({ client, cases: target, recordsPerCase, log }: { client: pg.Client; cases: number; recordsPerCase: number; log: Log }): Promise<CaseGenerateResult> {
  const started = performance.now();
  const elapsed = () => ((performance.now() - started) / 1000).toFixed(1);
  await client.query(`set synchronous_commit = off`);
  await client.query(`delete from case_records; delete from case_followups; delete from case_tasks; delete from case_goals; delete from case_plans;
    delete from case_team; delete from case_events; delete from notifications; delete from cases; delete from archive_counters where prefix like 'GA-%'`);
  // Staff are kept from an earlier run: deleting users checks every foreign key that points at them.
  const hash = await hashSecret(BENCH_PASSWORD);
  // Staff and their posts (user_scopes follows by trigger).
  await client.query(
    `with c as (select id, parent_id, row_number() over (order by code) - 1 as n from org_units where kind in ('community', 'village'))
     insert into users (username, display_name, role, password_hash)
     select 'cw_' || (c.n * 2 + k), '社工 ' || (c.n * 2 + k), 'worker', $1 from c cross join generate_series(0, 1) k
     where not exists (select 1 from users u where u.username = 'cw_' || (c.n * 2 + k))`,
    [hash],
  );
  await client.query(
    `with s as (select id, row_number() over (order by code) - 1 as n from org_units where kind = 'street')
     insert into users (username, display_name, role, password_hash) select 'sup_' || s.n, '督导 ' || s.n, 'supervisor', $1 from s
     where not exists (select 1 from users u where u.username = 'sup_' || s.n)`,
    [hash],
  );
  // The bench's supervisors sign in with a password alone, as the demo's do: it measures data access, not login.
  await client.query(`update users set second_factor_exempt = true where username like 'sup\\_%'`);
  await client.query(
    `with c as (select id, row_number() over (order by code) - 1 as n from org_units where kind in ('community', 'village'))
     insert into user_posts (user_id, org_unit_id) select u.id, c.id from c join users u on u.username in ('cw_' || (c.n * 2), 'cw_' || (c.n * 2 + 1))
     on conflict do nothing`,
  );
  await client.query(
    `with s as (select id, row_number() over (order by code) - 1 as n from org_units where kind = 'street')
     insert into user_posts (user_id, org_unit_id, can_view_restricted) select u.id, s.id, true from s join users u on u.username = 'sup_' || s.n
     on conflict do nothing`,
  );
  await client.query(`update users w set supervisor_id = (select id from users where username = 'sup_0') where w.username = $1`, [BENCH_USERS.worker]);
  await client.query(`analyze users, user_posts, org_units`);
  log(`  staff: ${(await client.query(`select count(*)::int as n from users where username like 'cw\\_%' or username like 'sup\\_%'`)).rows[0].n} workers and supervisors (${elapsed()} s)`);

  // Cases: one per sampled adult resident, spread over every community; the lead is one of the
  // community's two workers, or bench_worker for a third of the first two communities' cases.
  await client.query(`create temporary table case_plan as
    with c as (select id, parent_id, row_number() over (order by code) - 1 as n from org_units where kind in ('community', 'village')),
         s as (select id, row_number() over (order by code) - 1 as n from org_units where kind = 'street'),
         cw as materialized (select substring(username from 4)::int as k, id from users where username like 'cw\\_%'),
         sup as materialized (select substring(username from 5)::int as k, id from users where username like 'sup\\_%'),
         picked as (
           select r.id as resident_id, r.community_id, r.household_id, row_number() over () as rn
           from (select id, community_id, household_id from residents where archived_at is null and birth_date < current_date - interval '18 years'
                 and hashtext(id::text) % 3 = 0 limit ${Number(target)}) r)
    select p.*, c.n as cn, s.n as sn,
      case when c.n < 2 and p.rn % 3 = 0 then (select id from users where username = '${BENCH_USERS.worker}') else cw.id end as lead,
      sup.id as supervisor,
      (array['active','active','active','active','active','closed','closed','closed','planning','assessment','plan_review','closure_review','intake'])[1 + (p.rn % 13)] as status,
      (current_date - ((p.rn * 37) % 700)::int) as intake
    from picked p join c on c.id = p.community_id join s on s.id = c.parent_id join cw on cw.k = c.n * 2 + p.rn % 2 join sup on sup.k = s.n`);
  await client.query(`analyze case_plan`);
  await client.query(`insert into cases (id, case_no, community_id, resident_id, household_id, kind, restricted, status, source, presenting_problem, service_area,
      target_group, risk_level, intake_date, decision, consent_basis, consent_date, lead_user_id, supervisor_user_id, last_contact_date, closed_at, archive_no, retention,
      created_by, created_at, updated_at)
    select gen_random_uuid(), 'GA-' || extract(year from intake)::int || '-' || lpad(rn::text, 6, '0'), community_id, resident_id, household_id, 'general', false, status,
      (array['self_referral','outreach','referral_in','home_visit','assigned'])[1 + rn % 5], '独居，需要生活照顾与情绪支持', 'community_care',
      (array['elderly','children','disabled','assistance'])[1 + rn % 4], (array['high','medium','low','low'])[1 + rn % 4], intake,
      case when status = 'intake' then null else 'accept' end, 'consent', intake, lead, supervisor,
      case when status in ('intake','assessment') then null else least(current_date, intake + 10 * 7) end,
      case when status = 'closed' then (intake + 90)::timestamptz end,
      case when status = 'closed' then 'B' || cn || '-WS·' || extract(year from intake)::int || '-D30-GA-' || lpad(rn::text, 6, '0') end,
      case when status = 'closed' then 'D30' end,
      lead, intake::timestamptz, intake::timestamptz + ((rn % 90) || ' days')::interval
    from case_plan`);
  await client.query(`insert into case_team (case_id, user_id, role) select id, lead_user_id, 'lead' from cases union all select id, supervisor_user_id, 'supervisor' from cases`);
  log(`  cases ${(await client.query(`select count(*)::int as n from cases`)).rows[0].n.toLocaleString('en')} with their teams (${elapsed()} s)`);

  // Plans with two goals and two tasks for every case past planning; follow-ups for closed ones.
  await client.query(`insert into case_plans (case_id, version, status, strategy, start_date, end_date, created_by)
    select id, 1, case status when 'planning' then 'draft' when 'plan_review' then 'submitted' else 'approved' end, '整合家庭与社区资源', intake_date + 7, intake_date + 180, lead_user_id
    from cases where status in ('planning','plan_review','active','closure_review','closed')`);
  await client.query(`insert into case_goals (case_id, plan_id, position, title, indicator)
    select p.case_id, p.id, g, (array['改善情绪状态','扩展社会支持'])[g + 1], '可测量指标' from case_plans p cross join generate_series(0, 1) g`);
  await client.query(`insert into case_tasks (case_id, plan_id, position, title, owner_user_id, due_date, status)
    select p.case_id, p.id, g, (array['每两周家访一次','链接社区活动中心'])[g + 1], c.lead_user_id, current_date + ((hashtext(c.id::text) % 40)), case when c.status in ('closed','closure_review') then 'done' else 'open' end
    from case_plans p join cases c on c.id = p.case_id cross join generate_series(0, 1) g`);
  await client.query(`insert into case_followups (case_id, kind, due_date, assignee_user_id) select id, 'after_closure', (closed_at + interval '30 days')::date, lead_user_id from cases where status = 'closed'`);
  log(`  plans, goals, tasks and follow-ups (${elapsed()} s)`);

  // Service records: recordsPerCase per case, every 7 days from intake, one in ten entered late.
  await client.query(`drop index if exists case_records_case_idx; drop index if exists case_records_case_late_idx`);
  await client.query(`insert into case_records (case_id, kind, service_date, service_end_at, mode, duration_minutes, service_area, content, next_step, late, created_by, created_at)
    select c.id, 'service', d, (d + time '11:00') at time zone 'Asia/Shanghai', (array['home_visit','interview','phone','accompany'])[1 + g % 4], 30 + (g % 4) * 15, 'community_care',
      '家访，了解近况并评估居家安全；与服务对象讨论下一步计划。', '两周后再次家访', g % 10 = 0, c.lead_user_id,
      (d + time '11:00') at time zone 'Asia/Shanghai' + case when g % 10 = 0 then interval '50 hours' else interval '3 hours' end
    from cases c cross join generate_series(1, ${Number(recordsPerCase)}) g cross join lateral (select least(current_date, c.intake_date + g * 7) as d) x`);
  await client.query(`create index case_records_case_idx on case_records (case_id, service_date, created_at)`);
  await client.query(`create index case_records_case_late_idx on case_records (case_id, created_at) where late`);
  const { rows } = await client.query<{ cases: number; records: number; tasks: number; followups: number }>(`select (select count(*) from cases)::int as cases,
    (select count(*) from case_records)::int as records, (select count(*) from case_tasks)::int as tasks, (select count(*) from case_followups)::int as followups`);
  log(`  records ${rows[0].records.toLocaleString('en')} (${elapsed()} s)`);
  await client.query(`vacuum (analyze) cases, case_team, case_records, case_plans, case_goals, case_tasks, case_followups, users, user_posts, user_scopes`);
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  log(`  vacuum analyze done — case generation took ${seconds} s`);
  return { seconds, ...rows[0] };
}
