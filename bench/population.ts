// Synthetic people for the benchmark: households of realistic shapes, names, valid unique 身份证号,
// phones and §5.1 target-group tags. Identifier columns come from identityRow, exactly as the
// residents service stores them (AES-GCM ciphertext, blind-index hashes, reversed tails).
import { randomUUID } from 'node:crypto';
import { birthDateForAge, chineseName, identityRow, idNumberFor, mobile, placeOfBirth, type Rng } from '../server/db/seed/builders';

export type BenchCommunity = { id: string; name: string; rural: boolean; neighborhoods: string[] };

export type HouseholdRow = {
  id: string; communityId: string; neighborhood: string; building: string | null; unit: string | null; room: string;
  type: string; headResidentId: string | null; createdAt: string;
};

export type ResidentRowValues = Record<(typeof RESIDENT_COLUMNS)[number][0], string | number | null>;
export type TagRowValues = { residentId: string; communityId: string; tag: string; startDate: string | null; endDate: string | null; createdAt: string };

/** Columns written per resident, with their PostgreSQL types (for `unnest($n::type[])`). */
export const RESIDENT_COLUMNS = [
  ['id', 'uuid'], ['community_id', 'uuid'], ['household_id', 'uuid'], ['relation_to_head', 'text'], ['name', 'text'],
  ['name_pinyin', 'text'], ['name_initials', 'text'], ['sex', 'text'], ['id_number_enc', 'text'], ['id_number_hash', 'text'],
  ['id_number_rev', 'text'], ['id_number_masked', 'text'], ['birth_date', 'date'], ['phone_enc', 'text'], ['phone_hash', 'text'], ['phone_last4', 'text'], ['phone_masked', 'text'],
  ['ethnicity', 'text'], ['hukou_type', 'text'], ['neighborhood', 'text'], ['building', 'text'], ['unit', 'text'], ['room', 'text'],
  ['marital_status', 'text'], ['education', 'text'], ['employment', 'text'], ['health', 'text'], ['disability_type', 'text'],
  ['disability_grade', 'int4'], ['income_status', 'text'], ['guardian_name', 'text'], ['guardian_relation', 'text'],
  ['emergency_name', 'text'], ['emergency_relation', 'text'], ['consent_basis', 'text'], ['consent_scope', 'text'],
  ['consent_date', 'date'], ['consent_recorded_by', 'uuid'], ['consent_recorded_at', 'timestamptz'], ['created_at', 'timestamptz'],
  ['created_by', 'uuid'], ['updated_at', 'timestamptz'], ['updated_by', 'uuid'], ['archived_at', 'timestamptz'], ['archive_reason', 'text'],
] as const;

/**
 * 身份证号 must be unique: one serial counter per (place, birth date, sex) keeps the three-digit
 * sequence distinct; a full day (500 numbers) moves the person one day earlier.
 */
export class IdNumbers {
  private used = new Map<string, number>();
  next(area: string, birthDate: string, sex: 'male' | 'female'): { idNumber: string; birthDate: string } {
    let date = birthDate;
    for (;;) {
      const key = `${area}${date}${sex}`;
      const serial = this.used.get(key) ?? 0;
      if (serial < 500) {
        this.used.set(key, serial + 1);
        return { idNumber: idNumberFor({ area, birthDate: date, sex, serial }), birthDate: date };
      }
      date = new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    }
  }
}

/** [surname, given name]; 欧阳 and 诸葛 are the two-character surnames chineseName draws. */
const splitName = (n: string): [string, string] => (/^(欧阳|诸葛)/u.test(n) ? [n.slice(0, 2), n.slice(2)] : [n.slice(0, 1), n.slice(1)]);

const GUARDIAN_GIVEN = ['建国', '秀英', '国强', '丽华', '志强', '桂英'];
const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

type Shape = 'alone' | 'couple_old' | 'couple' | 'family' | 'three_gen' | 'left_behind';
type Member = { sex: 'male' | 'female'; age: number; relation: string };

function shapeMembers(r: Rng, shape: Shape): Member[] {
  const old = () => r.int(60, 94);
  const adult = () => r.int(24, 58);
  const sex = () => (r.chance(0.5) ? 'male' : 'female') as 'male' | 'female';
  switch (shape) {
    case 'alone':
      return [{ sex: r.chance(0.6) ? 'female' : 'male', age: r.chance(0.7) ? old() : adult(), relation: 'head' }];
    case 'couple_old':
      return [{ sex: 'male', age: old(), relation: 'head' }, { sex: 'female', age: old(), relation: 'spouse' }];
    case 'couple':
      return [{ sex: 'male', age: adult(), relation: 'head' }, { sex: 'female', age: adult(), relation: 'spouse' }];
    case 'left_behind': {
      const m: Member[] = [{ sex: sex(), age: old(), relation: 'head' }];
      for (let i = r.int(1, 2); i > 0; i--) m.push({ sex: sex(), age: r.int(3, 15), relation: 'grandchild' });
      return m;
    }
    default: {
      const a = adult();
      const m: Member[] = [{ sex: 'male', age: a, relation: 'head' }, { sex: 'female', age: Math.max(22, a + r.int(-4, 3)), relation: 'spouse' }];
      for (let i = r.int(1, 2); i > 0; i--) m.push({ sex: sex(), age: Math.max(0, a - r.int(22, 32)), relation: 'child' });
      if (shape === 'three_gen') m.push({ sex: sex(), age: Math.min(96, a + r.int(24, 32)), relation: 'parent' });
      return m;
    }
  }
}

const HOUSEHOLD_TYPE: Record<Shape, string> = {
  alone: 'ordinary', couple_old: 'empty_nest', couple: 'ordinary', family: 'ordinary', three_gen: 'three_generation', left_behind: 'left_behind',
};

/** The tags a community worker would have recorded for this person; a few have ended. */
function tagsFor(r: Rng, p: Member, c: BenchCommunity, type: string, migrant: boolean, nowMs: number): Omit<TagRowValues, 'residentId' | 'communityId' | 'createdAt'>[] {
  const tags: Omit<TagRowValues, 'residentId' | 'communityId' | 'createdAt'>[] = [];
  const since = (years: number) => isoDay(nowMs - r.int(30, Math.max(31, Math.min(years, p.age) * 365)) * DAY);
  const add = (tag: string, startDate: string | null, endDate: string | null = null) => tags.push({ tag, startDate, endDate });
  if (p.age >= 60) {
    if (type === 'living_alone') add('elderly_living_alone', since(3));
    if (type === 'empty_nest' && r.chance(0.8)) add('elderly_empty_nest', since(5));
    if (type === 'left_behind') add('elderly_left_behind', since(4));
    if (p.age >= 80) add('elderly_advanced_age', null);
    if (p.age >= 70 && r.chance(0.08)) add('elderly_dependent', since(2));
    if (r.chance(0.04)) add('elderly_sick', since(3));
    if (r.chance(0.02)) add('elderly_lost_only_child', since(10));
  }
  if (p.age < 16 && type === 'left_behind') add('child_left_behind', since(2));
  if (p.age < 18 && r.chance(0.03)) add('child_in_difficulty', since(1));
  if (p.age >= 16 && p.age <= 24 && r.chance(0.04)) add('youth_idle', since(1));
  if (r.chance(0.06)) add('disabled', since(8));
  if (r.chance(p.age >= 60 ? 0.07 : 0.03)) {
    // One in five assistance cases has ended: the tag stays in the history but no longer filters.
    if (r.chance(0.2)) add('assistance_recipient', since(6), isoDay(nowMs - r.int(10, 300) * DAY));
    else add('assistance_recipient', since(3));
  }
  if (c.rural && p.sex === 'female' && p.age >= 18 && p.age < 65 && r.chance(0.5)) add('rural_woman', null);
  if (migrant) add('migrant', since(2));
  if (r.chance(0.008)) add('hospital_referral', since(1));
  if (r.chance(0.004)) add('emergency_affected', since(1));
  if (r.chance(0.003)) add('bereaved', since(2));
  if (p.age >= 18 && p.sex === 'female' && r.chance(0.004)) add('dv_victim', since(1));
  if (p.age >= 18 && p.age < 60 && r.chance(0.005)) add('community_correction', since(1));
  if (p.age >= 18 && p.age < 55 && r.chance(0.003)) add('drug_rehab', since(2));
  return tags;
}

/** One household and its people, in a community, registered at `createdMs` by `workerId`. */
export function buildHousehold(r: Rng, c: BenchCommunity, ids: IdNumbers, workerId: string, nowMs: number, createdMs: number) {
  const migrant = !c.rural && r.chance(0.08);
  const area = placeOfBirth(r, migrant);
  const shape = r.weighted<Shape>([['alone', 16], ['couple_old', 18], ['couple', 14], ['family', 38], ['three_gen', 10], ['left_behind', c.rural ? 12 : 1]]);
  const people = shapeMembers(r, shape);
  const type = shape === 'alone' ? (people[0].age >= 60 ? 'living_alone' : 'ordinary') : HOUSEHOLD_TYPE[shape];
  const surname = splitName(chineseName(r, 'male'))[0];
  const createdAt = new Date(createdMs).toISOString();
  const household: HouseholdRow = {
    id: randomUUID(),
    communityId: c.id,
    neighborhood: r.pick(c.neighborhoods),
    building: c.rural ? null : String(r.int(1, 24)),
    unit: c.rural ? null : String(r.int(1, 4)),
    room: c.rural ? `${r.int(1, 160)}号` : `${r.int(1, 18)}0${r.int(1, 4)}`,
    type,
    headResidentId: null,
    createdAt,
  };
  const residents: ResidentRowValues[] = [];
  const tags: TagRowValues[] = [];
  for (const p of people) {
    const drawn = birthDateForAge(r, p.age, new Date(nowMs));
    const { idNumber, birthDate } = ids.next(area, drawn, p.sex);
    // Head, children and grandchildren share the family's surname; spouses and parents have their own.
    const name = ['head', 'child', 'grandchild'].includes(p.relation) ? surname + splitName(chineseName(r, p.sex))[1] : chineseName(r, p.sex);
    const phone = p.age >= 16 && r.chance(0.9) ? mobile(r) : null;
    const minor = p.age < 18;
    const id = randomUUID();
    if (p.relation === 'head') household.headResidentId = id;
    const archived = r.chance(p.age >= 80 ? 0.05 : 0.012);
    const ident = identityRow(name, idNumber, phone);
    residents.push({
      id, community_id: c.id, household_id: household.id, relation_to_head: p.relation,
      name: ident.name, name_pinyin: ident.namePinyin, name_initials: ident.nameInitials, sex: p.sex,
      id_number_enc: ident.idNumberEnc, id_number_hash: ident.idNumberHash, id_number_rev: ident.idNumberRev, id_number_masked: ident.idNumberMasked, birth_date: birthDate,
      phone_enc: ident.phoneEnc, phone_hash: ident.phoneHash, phone_last4: ident.phoneLast4, phone_masked: ident.phoneMasked,
      ethnicity: r.chance(0.95) ? '01' : r.pick(['02', '03', '04', '06', '08', '11', '15']),
      hukou_type: migrant ? 'migrant' : r.chance(0.85) ? 'local' : 'nonlocal',
      neighborhood: household.neighborhood, building: household.building, unit: household.unit, room: household.room,
      marital_status: p.age < 22 ? 'unmarried' : p.relation === 'head' && people.length === 1 ? r.pick(['widowed', 'divorced', 'unmarried']) : 'married',
      education: p.age < 7 ? 'none' : p.age < 13 ? 'primary' : r.pick(['primary', 'junior', 'junior', 'senior', 'college', 'bachelor']),
      employment: p.age < 7 ? 'preschool' : p.age < 18 ? 'student' : p.age >= 60 ? 'retired' : c.rural ? r.pick(['farmer', 'flexible', 'employed']) : r.pick(['employed', 'employed', 'flexible', 'unemployed']),
      health: p.age >= 70 ? r.pick(['healthy', 'chronic', 'chronic', 'partly_dependent']) : r.chance(0.9) ? 'healthy' : 'chronic',
      disability_type: null, disability_grade: null, income_status: 'none',
      guardian_name: minor ? `${surname}${r.pick(GUARDIAN_GIVEN)}` : null,
      guardian_relation: minor ? (type === 'left_behind' ? '祖父母' : '父母') : null,
      emergency_name: p.age >= 60 ? chineseName(r, r.chance(0.5) ? 'male' : 'female') : null,
      emergency_relation: p.age >= 60 ? r.pick(['子女', '子女', '亲属', '邻居']) : null,
      consent_basis: r.chance(0.7) ? 'consent' : 'statutory_duty', consent_scope: '社区社会工作服务建档与服务记录',
      consent_date: createdAt.slice(0, 10), consent_recorded_by: workerId, consent_recorded_at: createdAt,
      created_at: createdAt, created_by: workerId, updated_at: createdAt, updated_by: workerId,
      archived_at: archived ? new Date(nowMs - r.int(1, 300) * DAY).toISOString() : null,
      archive_reason: archived ? (p.age >= 80 ? 'deceased' : 'moved_out') : null,
    });
    const row = residents[residents.length - 1];
    for (const t of tagsFor(r, p, c, type, migrant, nowMs)) {
      if (t.tag === 'disabled') {
        row.disability_type = r.pick(['visual', 'hearing', 'physical', 'physical', 'intellectual', 'mental', 'speech']);
        row.disability_grade = r.int(1, 4);
      }
      if (t.tag === 'assistance_recipient' && !t.endDate) row.income_status = r.pick(['dibao', 'dibao', 'tekun', 'low_income']);
      tags.push({ ...t, residentId: id, communityId: c.id, createdAt });
    }
  }
  return { household, residents, tags };
}
