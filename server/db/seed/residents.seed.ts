// The demo's population: households whose members fit together (surnames, ages, relations), and
// records that fit each person (schooling and work by age and place, health by age, 低保/特困 by
// household, guardians from the household). Deterministic: the same people on every fresh start.
import { eq } from 'drizzle-orm';
import { addMonths, chinaToday } from '../../../common/dates';
import { households } from '../../modules/households/households.table';
import { residents, residentTags } from '../../modules/residents/residents.table';
import { ageOn } from '../../modules/residents/residents.presenter';
import type { Db } from '../client';
import { birthDateForAge, givenName, identityRow, idNumberFor, mobile, otherSurname, placeOfBirth, rng, surname, type ResidentInsert, type Rng } from './builders';

export type Community = { id: string; name: string; rural: boolean; neighborhoods: string[] };
type Sex = 'male' | 'female';
type Tag = { tag: string; startDate: string | null };
type Person = { row: ResidentInsert; tags: Tag[] };

/** A member as the household is put together, before the record is written. */
type Member = { sex: Sex; age: number; relation: string; surname: string; marital: string };

const SHAPES = ['alone_old', 'alone_adult', 'couple_old', 'couple', 'family', 'single_parent', 'three_gen', 'left_behind', 'old_with_child'] as const;
type Shape = (typeof SHAPES)[number];
/** Weights of the shapes in a town community and in a village (villages: more three generations, grandparents with left-behind children). */
const SHAPE_WEIGHTS: Record<Shape, [number, number]> = {
  alone_old: [12, 10], alone_adult: [5, 2], couple_old: [18, 16], couple: [8, 3], family: [31, 22],
  single_parent: [4, 2], three_gen: [12, 18], left_behind: [1, 12], old_with_child: [4, 4],
};
const TYPE_OF: Record<Shape, string> = {
  alone_old: 'living_alone', alone_adult: 'ordinary', couple_old: 'empty_nest', couple: 'ordinary', family: 'ordinary',
  single_parent: 'single_parent', three_gen: 'three_generation', left_behind: 'left_behind', old_with_child: 'ordinary',
};

const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));

/** One to two children of a mother of `motherAge`: born when she was 22 to 34, two to seven years apart. */
function children(r: Rng, motherAge: number, family: string, relation = 'child'): Member[] {
  const kids: Member[] = [];
  let age = motherAge - r.int(22, 34);
  for (let i = r.chance(0.55) ? 2 : 1; i > 0 && age >= 0; i--) {
    kids.push({ sex: r.chance(0.5) ? 'male' : 'female', age, relation, surname: family, marital: age >= 28 && r.chance(0.15) ? 'divorced' : 'unmarried' });
    age -= r.int(2, 7);
  }
  return kids;
}

/** The people of one household: who lives with whom, with surnames and ages that fit their relations. */
function compose(r: Rng, rural: boolean): { shape: Shape; members: Member[] } {
  const shape = r.weighted(SHAPES.map((s) => [s, SHAPE_WEIGHTS[s][rural ? 1 : 0]] as const));
  const his = surname(r);
  const hers = otherSurname(r, his);
  // Children usually take the father's surname, sometimes the mother's.
  const family = r.chance(0.92) ? his : hers;
  const m: Member[] = [];
  const couple = (age: number, gap: [number, number], floor: number) => {
    m.push({ sex: 'male', age, relation: 'head', surname: his, marital: 'married' });
    m.push({ sex: 'female', age: clamp(age + r.int(...gap), floor, 96), relation: 'spouse', surname: hers, marital: 'married' });
  };
  switch (shape) {
    case 'alone_old': {
      const sex = r.chance(0.62) ? 'female' : 'male';
      m.push({ sex, age: r.int(65, 93), relation: 'head', surname: sex === 'male' ? his : hers, marital: r.weighted([['widowed', 78], ['divorced', 10], ['unmarried', 12]]) });
      break;
    }
    case 'alone_adult':
      m.push({ sex: r.chance(0.45) ? 'female' : 'male', age: r.int(24, 58), relation: 'head', surname: his, marital: r.chance(0.6) ? 'unmarried' : 'divorced' });
      break;
    case 'couple_old':
      couple(r.int(62, 90), [-6, 2], 58);
      break;
    case 'couple':
      couple(r.int(24, 36), [-4, 2], 22);
      break;
    case 'family':
    case 'three_gen': {
      couple(r.int(rural ? 26 : 28, 52), [-5, 2], 22);
      m.push(...children(r, m[1].age, family));
      if (shape === 'three_gen') {
        // The husband's parents (父母) or the wife's (岳父母), one or both.
        const paternal = r.chance(0.75);
        const grandpa = clamp(m[paternal ? 0 : 1].age + r.int(24, 34), 60, 96);
        const rel = paternal ? 'parent' : 'parent_in_law';
        const ownName = paternal ? his : hers;
        const both = r.chance(0.6);
        if (both || r.chance(0.4)) m.push({ sex: 'male', age: grandpa, relation: rel, surname: ownName, marital: both ? 'married' : 'widowed' });
        if (both || m.at(-1)?.relation !== rel) m.push({ sex: 'female', age: clamp(grandpa + r.int(-5, 1), 58, 96), relation: rel, surname: otherSurname(r, ownName), marital: both ? 'married' : 'widowed' });
      }
      break;
    }
    case 'single_parent': {
      const sex: Sex = r.chance(0.8) ? 'female' : 'male';
      const age = r.int(28, 50);
      const own = sex === 'male' ? his : hers;
      m.push({ sex, age, relation: 'head', surname: own, marital: r.chance(0.75) ? 'divorced' : 'widowed' });
      // A mother's children mostly carry their father's surname.
      m.push(...children(r, sex === 'female' ? age : age + r.int(-4, 2), sex === 'male' || r.chance(0.6) ? his : hers));
      break;
    }
    case 'left_behind': {
      // Grandparents keep the grandchildren while the parents work in the city; the children carry the paternal grandfather's surname.
      const grandpa = r.chance(0.75);
      const age = r.int(56, 78);
      if (grandpa) couple(age, [-5, 1], 54);
      else m.push({ sex: 'female', age, relation: 'head', surname: hers, marital: 'widowed' });
      const youngest = Math.min(...m.map((p) => p.age));
      const eldest = Math.min(15, youngest - 40);
      if (eldest < 3) break;
      let kid = r.int(3, eldest);
      for (let i = r.chance(0.5) ? 2 : 1; i > 0 && kid >= 3; i--) {
        m.push({ sex: r.chance(0.5) ? 'male' : 'female', age: kid, relation: 'grandchild', surname: his, marital: 'unmarried' });
        kid -= r.int(2, 5);
      }
      break;
    }
    case 'old_with_child': {
      // Old parents and an unmarried (often disabled) son or daughter who never left home.
      const age = r.int(64, 86);
      if (r.chance(0.65)) couple(age, [-5, 1], 60);
      else m.push({ sex: 'female', age, relation: 'head', surname: hers, marital: 'widowed' });
      const mother = m.find((p) => p.sex === 'female')!.age;
      m.push({ sex: r.chance(0.55) ? 'male' : 'female', age: clamp(mother - r.int(24, 34), 28, 58), relation: 'child', surname: his, marital: r.chance(0.8) ? 'unmarried' : 'divorced' });
      break;
    }
  }
  return { shape, members: m };
}

/** 最高学历 by age, place and the years the person went to school. Children are at the school of their age. */
function education(r: Rng, age: number, rural: boolean): { education: string; studying: boolean } {
  if (age < 6) return { education: 'none', studying: false };
  if (age <= 11) return { education: 'primary', studying: true };
  if (age <= 14) return { education: 'junior', studying: true };
  if (age <= 15) return { education: age === 15 && r.chance(0.3) ? 'senior' : 'junior', studying: true };
  // Some leave school after 初中 (compulsory schooling ends at 15 or 16).
  if (age <= 17) return r.chance(0.93) ? { education: 'senior', studying: true } : { education: 'junior', studying: false };
  if (age <= 22 && r.chance(rural ? 0.4 : 0.6)) return { education: r.chance(0.55) ? 'bachelor' : 'college', studying: true };
  const by: [string, number][] =
    age <= 22 ? [['junior', 30], ['senior', 70]]
      : age < 40 ? (rural ? [['junior', 32], ['senior', 36], ['college', 19], ['bachelor', 12], ['postgraduate', 1]] : [['junior', 8], ['senior', 24], ['college', 26], ['bachelor', 34], ['postgraduate', age >= 24 ? 8 : 0]])
        : age < 60 ? (rural ? [['primary', 18], ['junior', 52], ['senior', 23], ['college', 5], ['bachelor', 2]] : [['primary', 5], ['junior', 30], ['senior', 36], ['college', 15], ['bachelor', 12], ['postgraduate', 2]])
          : age < 75 ? (rural ? [['none', 14], ['primary', 46], ['junior', 30], ['senior', 9], ['college', 1]] : [['none', 3], ['primary', 20], ['junior', 37], ['senior', 28], ['college', 7], ['bachelor', 5]])
            : rural ? [['none', 45], ['primary', 42], ['junior', 11], ['senior', 2]] : [['none', 14], ['primary', 40], ['junior', 26], ['senior', 13], ['college', 4], ['bachelor', 3]];
  return { education: r.weighted(by), studying: false };
}

/** 就业状况 by age, place, health and schooling: no one over 75 at work, retirement in town (women from 50, men from 60), farming in villages. */
function employment(r: Rng, p: { age: number; sex: Sex; rural: boolean; studying: boolean; unable: boolean }): string {
  if (p.age < 6) return 'preschool';
  if (p.studying) return 'student';
  if (p.age < 16) return 'student';
  // A townsperson past retirement age is retired, however frail.
  if (!p.rural && (p.age >= 60 || (p.sex === 'female' && p.age >= 50 && r.chance(0.8)))) return p.age < 66 && !p.unable && r.chance(0.08) ? 'flexible' : 'retired';
  if (p.unable) return 'unable';
  if (p.rural) {
    if (p.age >= 75) return 'unable';
    if (p.age >= 60) return r.chance(0.85) ? 'farmer' : 'unable';
    return r.weighted([['farmer', p.age >= 40 ? 50 : 20], ['flexible', 28], ['employed', p.age >= 50 ? 10 : 30], ['unemployed', 6]]);
  }
  return r.weighted([['employed', 58], ['flexible', 26], ['unemployed', p.age < 25 ? 14 : 8]]);
}

function health(r: Rng, age: number): string {
  if (age < 60) return r.weighted([['healthy', 90], ['chronic', 9], ['serious', 1]]);
  if (age < 70) return r.weighted([['healthy', 48], ['chronic', 44], ['serious', 3], ['partly_dependent', 5]]);
  if (age < 80) return r.weighted([['healthy', 30], ['chronic', 54], ['serious', 4], ['partly_dependent', 9], ['dependent', 3]]);
  return r.weighted([['healthy', 14], ['chronic', 52], ['serious', 5], ['partly_dependent', 21], ['dependent', 8]]);
}

/** 残疾 more often with age (about 6% overall, GB/T 26341 categories); the child of old_with_child often stayed home for it. */
function disability(r: Rng, age: number, stayedHome: boolean): { type: string; grade: number } | null {
  const p = stayedHome ? 0.55 : age < 18 ? 0.015 : age < 60 ? 0.04 : age < 80 ? 0.1 : 0.2;
  if (!r.chance(p)) return null;
  const type = age < 18 || stayedHome
    ? r.pick(['intellectual', 'intellectual', 'mental', 'hearing', 'speech', 'physical'])
    : age >= 60 ? r.pick(['physical', 'physical', 'visual', 'hearing', 'hearing', 'multiple']) : r.pick(['physical', 'physical', 'visual', 'hearing', 'intellectual', 'mental']);
  return { type, grade: stayedHome ? r.int(1, 2) : r.int(1, 4) };
}

/** How a child calls the adult who is their guardian, or, for left-behind children, their 委托照护人. */
function guardianOf(all: Member[], shape: Shape): { who: Member; relation: string } | null {
  if (shape === 'left_behind') {
    const who = all.find((p) => p.relation === 'head')!;
    return { who, relation: `${who.sex === 'male' ? '祖父' : '祖母'}（委托照护人，父母外出务工）` };
  }
  const parents = all.filter((p) => p.relation === 'head' || p.relation === 'spouse');
  const who = parents.find((p) => p.sex === 'female') ?? parents[0];
  return who ? { who, relation: who.sex === 'female' ? '母亲' : '父亲' } : null;
}

/**
 * An older person's emergency contact: the son or daughter they live with, or else one living
 * elsewhere, who carries the father's surname (a widow's late husband's); a relative for someone
 * with no child.
 */
function emergencyContact(r: Rng, m: Member, all: Member[], names: string[], childless: boolean): { name: string; relation: string } {
  if (childless) return { name: surname(r) + givenName(r, r.chance(0.5) ? 'male' : 'female', m.age - 25), relation: '亲属' };
  const head = all.find((o) => o.relation === 'head')!;
  const withThem =
    m.relation === 'parent' ? head
      : m.relation === 'parent_in_law' ? all.find((o) => o.relation === 'spouse')
        : m.relation === 'head' || m.relation === 'spouse' ? all.find((o) => o.relation === 'child' && o.age >= 18) : undefined;
  if (withThem) return { name: names[all.indexOf(withThem)], relation: '子女' };
  const husband = m.sex === 'male' ? m : all.find((o) => o.sex === 'male' && (o.relation === 'head' || o.relation === 'spouse'));
  return { name: (husband?.surname ?? otherSurname(r, m.surname)) + givenName(r, r.chance(0.5) ? 'male' : 'female', m.age - 28), relation: '子女' };
}

function monthsAgo(r: Rng, max: number): Date {
  const d = new Date();
  // Most records were entered when the system started; a steady trickle since.
  const months = r.chance(0.55) ? max : r.int(0, max);
  d.setMonth(d.getMonth() - months);
  d.setDate(Math.min(d.getDate(), 28) - (months === 0 ? 0 : r.int(0, 20)));
  return d;
}

/** One household's people, with the tags a community worker would have recorded for them. */
function buildHousehold(r: Rng, c: Community, serial: () => number, workerId: string): { members: Person[]; type: string } {
  const { shape, members } = compose(r, c.rural);
  const migrant = !c.rural && ['couple', 'family', 'single_parent', 'alone_adult'].includes(shape) && r.chance(0.22);
  const area = placeOfBirth(r, migrant);
  const createdAt = monthsAgo(r, 17);
  const since = (age: number, years: number) => birthDateForAge(r, Math.min(years, age));

  const people = members.map((m) => {
    const dis = disability(r, m.age, shape === 'old_with_child' && m.relation === 'child');
    let h = health(r, m.age);
    if (dis && dis.grade <= 2 && h === 'healthy') h = 'chronic';
    // Someone who heads a household or is married into one has left school.
    const school = education(r, m.age, c.rural);
    if (m.relation === 'head' || m.relation === 'spouse') school.studying = false;
    const unable = (dis !== null && dis.grade <= 2) || h === 'dependent' || h === 'partly_dependent' || h === 'serious';
    return { m, dis, health: h, ...school, employment: employment(r, { age: m.age, sex: m.sex, rural: c.rural, studying: school.studying, unable }) };
  });

  const lostOnlyChild = (shape === 'couple_old' || shape === 'alone_old') && r.chance(0.02);
  // Someone living alone who never married or lost their only child has no child bound to support them.
  const childless = (shape === 'alone_old' || shape === 'alone_adult') && (members[0].marital === 'unmarried' || lostOnlyChild);
  // 低保 is granted to a household, 特困供养 to a person with no one bound to support them: every
  // member carries the household's status. More often where someone is severely disabled or a parent is alone.
  const severe = people.some((p) => p.dis && p.dis.grade <= 2);
  const pDibao = (c.rural ? 0.03 : 0.012) * (severe ? 3 : 1) * (shape === 'single_parent' ? 2.5 : 1);
  const assistance = childless && (members[0].age >= 60 || severe) && r.chance(0.4) ? 'tekun' : r.chance(pDibao) ? 'dibao' : r.chance(0.02) ? 'low_income' : 'none';
  const assistanceSince = birthDateForAge(r, r.int(1, 6));
  const resettled = c.name === '青山社区' && r.chance(0.5);
  const type = lostOnlyChild ? 'lost_only_child' : assistance !== 'none' && TYPE_OF[shape] === 'ordinary' ? 'assistance' : TYPE_OF[shape];

  const names = members.map((m) => m.surname + givenName(r, m.sex, m.age));
  const rows = people.map((p, i): Person => {
    const { m, dis } = p;
    const name = names[i];
    const birthDate = birthDateForAge(r, m.age);
    const idNumber = idNumberFor({ area, birthDate, sex: m.sex, serial: serial() });
    const tags: Tag[] = [];
    if (m.age >= 60) {
      if (type === 'living_alone') tags.push({ tag: 'elderly_living_alone', startDate: since(m.age, 3) });
      if (type === 'empty_nest') tags.push({ tag: 'elderly_empty_nest', startDate: since(m.age, 5) });
      if (type === 'left_behind') tags.push({ tag: 'elderly_left_behind', startDate: since(m.age, 4) });
      if (lostOnlyChild) tags.push({ tag: 'elderly_lost_only_child', startDate: since(m.age, 10) });
      if (m.age >= 80) tags.push({ tag: 'elderly_advanced_age', startDate: null });
      if (p.health === 'dependent' || p.health === 'partly_dependent') tags.push({ tag: 'elderly_dependent', startDate: since(m.age, 2) });
      if (dis || p.health === 'serious') tags.push({ tag: 'elderly_sick', startDate: since(m.age, 3) });
    }
    if (m.age < 16 && type === 'left_behind') tags.push({ tag: 'child_left_behind', startDate: since(m.age, 2) });
    if (m.age < 18 && (dis || (assistance !== 'none' && shape === 'single_parent'))) tags.push({ tag: 'child_in_difficulty', startDate: since(m.age, 1) });
    if (m.age >= 16 && m.age <= 22 && p.employment === 'unemployed') tags.push({ tag: 'youth_idle', startDate: since(m.age, 1) });
    if (dis) tags.push({ tag: 'disabled', startDate: since(m.age, 8) });
    if (assistance !== 'none') tags.push({ tag: 'assistance_recipient', startDate: assistanceSince < birthDate ? birthDate : assistanceSince });
    if (c.rural && m.sex === 'female' && m.age >= 18 && m.age < 65 && r.chance(0.5)) tags.push({ tag: 'rural_woman', startDate: null });
    if (migrant) tags.push({ tag: 'migrant', startDate: since(m.age, 2) });
    if (resettled) tags.push({ tag: 'resettled', startDate: birthDate > '2019-06-01' ? birthDate : '2019-06-01' });
    if (m.age >= 50 && (p.health === 'serious' || p.health === 'partly_dependent') && r.chance(0.15)) tags.push({ tag: 'hospital_referral', startDate: since(m.age, 1) });
    if (r.chance(0.004)) tags.push({ tag: 'emergency_affected', startDate: since(m.age, 1) });
    const guardian = m.age < 18 ? guardianOf(members, shape) : null;
    const emergency = m.age >= 60 ? emergencyContact(r, m, members, names, lostOnlyChild || m.marital === 'unmarried') : null;
    const phone = m.age >= 16 && r.chance(m.age >= 75 ? 0.6 : 0.88) ? mobile(r) : null;
    return {
      row: {
        ...identityRow(name, idNumber, phone),
        name,
        communityId: c.id,
        relationToHead: m.relation,
        sex: m.sex,
        birthDate,
        ethnicity: r.chance(0.95) ? '01' : r.pick(['02', '03', '04', '06', '08', '11', '15']),
        hukouType: migrant ? 'migrant' : r.chance(0.85) ? 'local' : 'nonlocal',
        maritalStatus: m.marital,
        education: p.education,
        employment: p.employment,
        health: p.health,
        disabilityType: dis?.type ?? null,
        disabilityGrade: dis?.grade ?? null,
        incomeStatus: assistance,
        guardianName: guardian ? names[members.indexOf(guardian.who)] : null,
        guardianRelation: guardian?.relation ?? null,
        emergencyName: emergency?.name ?? null,
        emergencyRelation: emergency?.relation ?? null,
        consentBasis: r.chance(0.7) ? 'consent' : 'statutory_duty',
        consentScope: '社区社会工作服务建档与服务记录',
        consentDate: createdAt.toISOString().slice(0, 10),
        consentRecordedBy: workerId,
        consentRecordedAt: createdAt,
        createdAt,
        updatedAt: createdAt,
        createdBy: workerId,
        updatedBy: workerId,
      },
      tags,
    };
  });
  return { members: rows, type };
}

/**
 * Restricted populations at about their national rates — 社区矫正 and 社区戒毒/康复 a few per 10,000
 * residents — yet enough to show the features: this many of each per community.
 */
const RESTRICTED_QUOTAS: Record<string, Partial<Record<'community_correction' | 'drug_rehab' | 'dv_victim', number>>> = {
  曙光社区: { community_correction: 1, drug_rehab: 1, dv_victim: 1 },
  桃源社区: { community_correction: 1, dv_victim: 1 },
  竹林村: { drug_rehab: 1 },
  茶园村: { dv_victim: 1 },
};

/** Gives the community's quota of restricted tags to people they fit: adults of working age; a violence victim is a wife living with her husband. */
function assignRestricted(r: Rng, c: Community, homes: { members: Person[] }[], today: string) {
  const used = new Set<Person>();
  const between = (p: Person, lo: number, hi: number) => {
    const age = ageOn(p.row.birthDate ?? null, today) ?? 0;
    return age >= lo && age <= hi;
  };
  const working = (p: Person) => p.row.employment !== 'unable' && p.row.employment !== 'student';
  const fits: Record<string, (p: Person, home: Person[]) => boolean> = {
    community_correction: (p) => between(p, 20, 55) && p.row.sex === 'male' && working(p),
    drug_rehab: (p) => between(p, 22, 50) && p.row.sex === 'male' && working(p),
    dv_victim: (p, home) => between(p, 22, 60) && p.row.sex === 'female' && p.row.maritalStatus === 'married' && home.some((o) => o.row.sex === 'male' && o.row.maritalStatus === 'married'),
  };
  const months: Record<string, number> = { community_correction: 4, drug_rehab: 10, dv_victim: 1 };
  for (const [tag, n] of Object.entries(RESTRICTED_QUOTAS[c.name] ?? {})) {
    const candidates = homes.flatMap((h) => h.members.filter((p) => !used.has(p) && !p.tags.some((t) => t.tag === 'assistance_recipient') && fits[tag](p, h.members)));
    for (let i = 0; i < n! && candidates.length; i++) {
      const p = candidates.splice(Math.floor(r.next() * candidates.length), 1)[0];
      used.add(p);
      p.tags.push({ tag, startDate: addMonths(today, -months[tag]) });
      // Out of work since the sentence or the treatment: what their cases are about.
      if (tag !== 'dv_victim') p.row.employment = r.chance(0.6) ? 'unemployed' : 'flexible';
    }
  }
}

/** Households and about `perCommunity` residents in each community. */
export async function seedResidents({ db, communities, workerId, perCommunity, seed = 71 }: { db: Db; communities: Community[]; workerId: string; perCommunity: number; seed?: number }) {
  const r = rng(seed);
  const today = chinaToday();
  let serialNo = 0;
  const serial = () => serialNo++;
  let total = 0;
  for (const c of communities) {
    let inCommunity = 0;
    const homes: { household: typeof households.$inferInsert; members: Person[] }[] = [];
    while (inCommunity < perCommunity) {
      const { members, type } = buildHousehold(r, c, serial, workerId);
      const n = r.int(1, 30);
      const household = c.rural
        ? { communityId: c.id, neighborhood: r.pick(c.neighborhoods), room: `${r.int(1, 120)}号`, type }
        : { communityId: c.id, neighborhood: r.pick(c.neighborhoods), building: `${r.int(1, 24)}`, unit: `${r.int(1, 4)}`, room: `${r.int(1, 18)}0${r.int(1, 4)}`, type };
      homes.push({ household: { ...household, createdBy: workerId, updatedBy: workerId, note: n === 1 ? '定期走访' : null }, members });
      inCommunity += members.length;
    }
    assignRestricted(r, c, homes, today);
    const people = homes.flatMap((h) => h.members);
    const insertedHomes = await db.insert(households).values(homes.map((h) => h.household)).returning({ id: households.id });
    homes.forEach((h, i) =>
      h.members.forEach((m) => {
        m.row.householdId = insertedHomes[i].id;
        const a = h.household;
        Object.assign(m.row, { neighborhood: a.neighborhood, building: a.building ?? null, unit: a.unit ?? null, room: a.room ?? null });
      }),
    );
    for (let i = 0; i < people.length; i += 500) {
      const chunk = people.slice(i, i + 500);
      const ids = await db.insert(residents).values(chunk.map((p) => p.row as typeof residents.$inferInsert)).returning({ id: residents.id });
      const tagRows = chunk.flatMap((p, j) => p.tags.map((t) => ({ ...t, residentId: ids[j].id, communityId: c.id, createdBy: workerId })));
      if (tagRows.length) await db.insert(residentTags).values(tagRows);
      chunk.forEach((p, j) => (p.row.id = ids[j].id));
    }
    for (const [i, h] of homes.entries()) {
      const head = h.members.find((m) => m.row.relationToHead === 'head');
      if (head) await db.update(households).set({ headResidentId: head.row.id }).where(eq(households.id, insertedHomes[i].id));
    }
    total += people.length;
  }
  return total;
}
