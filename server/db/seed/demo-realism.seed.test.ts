import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../../common/dates';
import { listTodo } from '../../modules/todo/todo.service';
import { actorOfUser } from '../../modules/referrals/referrals.testkit';
import { ageOn } from '../../modules/residents/residents.presenter';
import { emptyDatabase, type TestDatabase } from '../../testing/db';
import { migrateDatabase } from '../client';
import { seedDemo } from './demo.seed';

type Person = {
  id: string; name: string; household_id: string; relation: string; sex: string; birth_date: string; education: string; employment: string;
  marital_status: string; income_status: string; guardian_name: string | null; guardian_relation: string | null; tags: string[]; rural: boolean; community: string;
};

/** The full demo, as `npm start` seeds it, judged as a social worker would read it. */
describe('the demo reads like a real community', () => {
  let t: TestDatabase;
  let people: Person[];
  let homes: Map<string, Person[]>;
  const today = chinaToday();
  const age = (p: Person) => ageOn(p.birth_date, today)!;
  const surname = (name: string) => name.slice(0, ['欧阳', '诸葛'].some((s) => name.startsWith(s)) ? 2 : 1);

  beforeAll(async () => {
    t = await emptyDatabase('linli_realism');
    await migrateDatabase(t.db);
    await seedDemo({ db: t.db });
    people = (await t.db.execute<Person>(sql`
      select r.id, r.name, r.household_id, r.relation_to_head as relation, r.sex, r.birth_date::text, r.education, r.employment, r.marital_status, r.income_status,
        r.guardian_name, r.guardian_relation, o.kind = 'village' as rural, o.name as community,
        array(select t.tag from resident_tags t where t.resident_id = r.id) as tags
      from residents r join org_units o on o.id = r.community_id`)).rows;
    homes = new Map();
    for (const p of people) homes.set(p.household_id, [...(homes.get(p.household_id) ?? []), p]);
  }, 300_000);
  afterAll(async () => t?.drop());

  it('gives everyone the schooling and work of their age and place', () => {
    const wrong = people.filter((p) => {
      const a = age(p);
      if (a < 6) return p.employment !== 'preschool' || p.education !== 'none';
      if (a < 16) return p.employment !== 'student' || p.education !== (a <= 11 ? 'primary' : a <= 14 ? 'junior' : p.education === 'senior' ? 'senior' : 'junior');
      if (a < 18 && ['college', 'bachelor', 'postgraduate'].includes(p.education)) return true;
      if (a < 24 && p.education === 'postgraduate') return true;
      if (a >= 75 && ['employed', 'flexible', 'farmer'].includes(p.employment)) return true;
      return p.employment === 'farmer' && !p.rural;
    });
    expect(wrong.map((p) => `${p.name} ${age(p)} ${p.education} ${p.employment}`)).toEqual([]);
    // Villages farm; towns retire.
    const share = (rural: boolean, employment: string, lo: number, hi: number) => {
      const of = people.filter((p) => p.rural === rural && age(p) >= lo && age(p) < hi);
      return of.filter((p) => p.employment === employment).length / of.length;
    };
    expect(share(true, 'farmer', 40, 75)).toBeGreaterThan(0.3);
    expect(share(false, 'retired', 65, 120)).toBeGreaterThan(0.9);
  });

  it('keeps household members’ surnames and ages true to their relations', () => {
    const wrong: string[] = [];
    for (const members of homes.values()) {
      const head = members.find((p) => p.relation === 'head')!;
      const spouse = members.find((p) => p.relation === 'spouse');
      for (const p of members) {
        const gap = (older: Person, younger: Person) => age(older) - age(younger);
        // A parent is at least 18 years older than their child; grandparents 36 years older.
        if (p.relation === 'child' && gap(head, p) < 18) wrong.push(`${p.name} is ${gap(head, p)} years younger than ${head.name}`);
        if (p.relation === 'grandchild' && gap(head, p) < 36) wrong.push(`${p.name} is ${gap(head, p)} years younger than ${head.name}`);
        if (p.relation === 'parent' && gap(p, head) < 18) wrong.push(`${p.name} is ${gap(p, head)} years older than ${head.name}`);
        if (p.relation === 'parent_in_law' && spouse && gap(p, spouse) < 18) wrong.push(`${p.name} is ${gap(p, spouse)} years older than ${spouse.name}`);
        // Children carry their father's or their mother's surname, where both parents live with them.
        const bothParents = spouse && head.sex !== spouse.sex;
        if (bothParents && ['child', 'grandchild'].includes(p.relation) && ![head, spouse].some((o) => surname(o.name) === surname(p.name))) wrong.push(`${p.name} (${p.relation} of ${head.name}, ${spouse.name})`);
        // A man's father shares his surname.
        if (p.relation === 'parent' && p.sex === 'male' && head.sex === 'male' && surname(p.name) !== surname(head.name)) wrong.push(`${p.name} (father of ${head.name})`);
        if (p.relation === 'spouse' && p.marital_status !== 'married') wrong.push(`${p.name} is a spouse and ${p.marital_status}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('names for every minor a guardian who lives with them (a parent, or the grandparent caring for a left-behind child), and none for adults', () => {
    const wrong = people.filter((p) => {
      const minor = age(p) < 18;
      if (!minor) return p.guardian_name !== null;
      const guardian = homes.get(p.household_id)!.find((o) => o.name === p.guardian_name && age(o) >= 18);
      if (!guardian) return true;
      return p.tags.includes('child_left_behind') ? !p.guardian_relation?.includes('委托照护人') : !['父亲', '母亲'].includes(p.guardian_relation ?? '');
    });
    expect(wrong.map((p) => `${p.name} ${age(p)} ${p.guardian_name} ${p.guardian_relation}`)).toEqual([]);
  });

  it('grants 低保 and 特困 to whole households: every member carries the status and the tag, or none does', () => {
    const mixed = [...homes.values()].filter((members) => {
      const statuses = new Set(members.map((p) => p.income_status));
      const tagged = new Set(members.map((p) => p.tags.includes('assistance_recipient')));
      return statuses.size > 1 || tagged.size > 1 || [...tagged][0] !== (members[0].income_status !== 'none');
    });
    expect(mixed.map((m) => m.map((p) => `${p.name} ${p.income_status}`).join(', '))).toEqual([]);
    const assisted = people.filter((p) => p.income_status !== 'none').length / people.length;
    expect(assisted).toBeGreaterThan(0.01);
    expect(assisted).toBeLessThan(0.06);
  });

  it('has restricted populations at about their real rates: a few per 10,000 residents, enough to show the features', () => {
    const perTenThousand = (tag: string) => (people.filter((p) => p.tags.includes(tag)).length / people.length) * 10_000;
    for (const tag of ['community_correction', 'drug_rehab']) {
      expect(perTenThousand(tag), tag).toBeGreaterThan(0);
      expect(perTenThousand(tag), tag).toBeLessThan(12);
    }
    expect(people.filter((p) => p.tags.includes('dv_victim')).length).toBeLessThanOrEqual(5);
  });

  it('gives cases problems that fit their clients, juvenile cases with the guardian on file, and never the supervisor as lead', async () => {
    const { rows: cases } = await t.db.execute<{ problem: string; juvenile: boolean; guardian_name: string | null; consent_basis: string | null; resident_id: string; intake_date: string; household_type: string | null; lead_user_id: string; supervisor_user_id: string }>(sql`
      select c.presenting_problem as problem, c.juvenile, c.guardian_name, c.consent_basis, c.resident_id, c.intake_date::text, h.type as household_type, c.lead_user_id, c.supervisor_user_id
      from cases c left join households h on h.id = c.household_id`);
    const byId = new Map(people.map((p) => [p.id, p]));
    const wrong: string[] = [];
    for (const c of cases) {
      const p = byId.get(c.resident_id)!;
      const a = ageOn(p.birth_date, c.intake_date)!;
      const say = (why: string) => wrong.push(`${c.problem}: ${p.name}, ${a}, ${why}`);
      if (/独居|高龄|丧偶/.test(c.problem) && a < 60) say('not elderly');
      if (c.problem.startsWith('独居') && c.household_type !== 'living_alone') say(`household ${c.household_type}`);
      if (/留守儿童|父母离异/.test(c.problem) && a >= 18) say('not a child');
      if (/残疾/.test(c.problem) && !p.tags.includes('disabled')) say('no disability');
      if (/低保家庭|救助/.test(c.problem) && p.income_status === 'none') say('no assistance');
      if (c.juvenile !== a < 18) say(`juvenile ${c.juvenile}`);
      if (c.juvenile && (c.guardian_name !== p.guardian_name || c.consent_basis !== 'guardian_consent')) say(`guardian ${c.guardian_name}, consent ${c.consent_basis}`);
      if (c.lead_user_id === c.supervisor_user_id) say('supervised by its lead');
    }
    expect(wrong).toEqual([]);
    expect(cases.filter((c) => c.juvenile).length).toBeGreaterThanOrEqual(5);
  });

  it('gives each worker a day’s 我的待办: a handful overdue and a workable number of plan tasks', async () => {
    for (const username of ['shegong1', 'shegong2', 'dudao']) {
      const { data } = await listTodo({ db: t.db, actor: await actorOfUser(t.db, username) });
      const overdue = data.filter((i) => i.group === 'overdue').length;
      const tasks = data.filter((i) => i.kind === 'task').length;
      expect(overdue, `${username} overdue`).toBeGreaterThanOrEqual(3);
      expect(overdue, `${username} overdue`).toBeLessThanOrEqual(15);
      if (username !== 'dudao') {
        expect(tasks, `${username} tasks`).toBeGreaterThanOrEqual(10);
        expect(tasks, `${username} tasks`).toBeLessThanOrEqual(30);
      }
    }
  });
});
