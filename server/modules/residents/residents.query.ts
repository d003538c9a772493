import { and, asc, desc, eq, isNull, like, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { RESTRICTED_TAGS } from '../../../common/codes/tag.codes';
import { chinaToday, yearsBefore } from '../../../common/dates';
import type { ResidentListQuery } from '../../../common/schemas/residents.schema';
import { parseAnyIdNumber } from '../../../common/validators/id-number.validator';
import { normalizeMobile } from '../../../common/validators/phone.validator';
import type { Actor } from '../../lib/actor';
import { blindIndex } from '../../lib/crypto';
import { visibleResidentsWhere } from './residents.policy';
import { residents, residentTags } from './residents.table';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, '\\$&');
const reverse = (s: string) => [...s].reverse().join('');

/** A value of a list query: the SQL carries a placeholder, the value travels beside it. */
const ph = (name: string) => sql.placeholder(name);
type Values = Record<string, unknown>;

type Search = {
  /** Which kind of search: part of the statement's shape (see residentListWhere). */
  kind: string;
  condition: SQL;
  values: Values;
  /** False when no btree range can find the rows (a fragment inside the name): see residentListWhere. */
  indexed: boolean;
};

/**
 * What a social worker types in the one search box: a name or part of it (张三丰, 三丰), pinyin or
 * initials (zhangsanfeng, zsf), the last 3–6 characters of the ID number, the last 4 digits of a
 * mobile number, a whole ID number or a whole mobile number.
 */
function search(q: string): Search {
  const s = q.trim();
  // Numbers are typed with spaces or dashes as often as without: 139 1234 5678.
  const digits = /^[\d\sXx+-]+$/.test(s) ? s.replace(/[\s-]/g, '') : s;
  const id = /^\d{15}$|^\d{17}[\dXx]$|^[A-Za-z]{3}\d{12}$/.test(digits) ? parseAnyIdNumber(digits) : null;
  if (id) return { kind: 'id', condition: eq(residents.idNumberHash, ph('q')), values: { q: blindIndex(id.idNumber) }, indexed: true };
  const mobile = /^\+?\d{11,13}$/.test(digits) ? normalizeMobile(digits) : null;
  if (mobile) return { kind: 'mobile', condition: eq(residents.phoneHash, ph('q')), values: { q: blindIndex(mobile) }, indexed: true };
  if (/^\d{2,5}[\dXx]$/.test(digits)) {
    const tail = like(residents.idNumberRev, ph('q'));
    const values = { q: `${escapeLike(reverse(digits.toUpperCase()))}%`, last4: digits };
    return /^\d{4}$/.test(digits)
      ? { kind: 'tail4', condition: or(tail, eq(residents.phoneLast4, ph('last4')))!, values, indexed: true }
      : { kind: 'tail', condition: tail, values, indexed: true };
  }
  if (/^[A-Za-z]+$/.test(s)) {
    return {
      kind: 'pinyin',
      condition: or(like(residents.nameInitials, ph('q')), like(residents.namePinyin, ph('q')))!,
      values: { q: `${escapeLike(s.toLowerCase())}%` },
      indexed: true,
    };
  }
  // A name or a part of one: every name in the caller's communities is looked at.
  return { kind: 'fragment', condition: like(residents.name, ph('q')), values: { q: `%${escapeLike(s)}%` }, indexed: false };
}

/** Only tags in force today count as a filter. */
export const activeTagSql = sql`(${residentTags.startDate} is null or ${residentTags.startDate} <= current_date)
  and (${residentTags.endDate} is null or ${residentTags.endDate} >= current_date)`;

const anyUuid = (col: AnyColumn, name: string) => sql`${col} = any(${ph(name)}::uuid[])`;
const anyText = (col: AnyColumn, name: string) => sql`${col} = any(${ph(name)}::text[])`;

/**
 * The ids of residents with any of these tags in force, within the communities given, restricted
 * tags only where the actor has the right. Read from `resident_tags_community_tag_idx` alone.
 */
function taggedIds(actor: Actor, tags: string[], communityIds: string[]): { kind: string; condition: SQL; values: Values } {
  const open = tags.filter((t) => !RESTRICTED_TAGS.includes(t));
  const restricted = tags.filter((t) => RESTRICTED_TAGS.includes(t));
  const restrictedIn = communityIds.filter((c) => actor.restrictedCommunityIds.includes(c));
  const parts: SQL[] = [];
  const values: Values = {};
  if (open.length) {
    parts.push(and(anyUuid(residentTags.communityId, 'tagCommunities'), anyText(residentTags.tag, 'openTags'))!);
    Object.assign(values, { tagCommunities: communityIds, openTags: open });
  }
  if (restricted.length && restrictedIn.length) {
    parts.push(and(anyUuid(residentTags.communityId, 'restrictedCommunities'), anyText(residentTags.tag, 'restrictedTags'))!);
    Object.assign(values, { restrictedCommunities: restrictedIn, restrictedTags: restricted });
  }
  const kind = `tags:${open.length ? 'o' : ''}${restricted.length && restrictedIn.length ? 'r' : ''}`;
  if (!parts.length) return { kind, condition: sql`false`, values };
  return { kind, condition: sql`${residents.id} = any(array(select ${residentTags.residentId} from ${residentTags} where (${or(...parts)}) and ${activeTagSql}))`, values };
}

export type ListWhere = {
  where: SQL;
  values: Values;
  /**
   * What decides the statement's text (which filters, which kind of search), never a value: lists of
   * the same shape share one prepared statement (residents.service.ts listResidents).
   */
  shape: string;
};

/**
 * The WHERE of a resident list: the actor's scope first, then each filter. Every value is a
 * placeholder, so that the text depends only on the shape of the query.
 *
 * A name fragment cannot be answered by an index range, so every name in scope is looked at: in an
 * id list, `id = any(array(select id … ))`, over columns that `residents_active_scope_idx`
 * (community, pinyin, id, name; not archived) holds, so the scan reads only that index and the
 * table is read for the matching rows alone. (An `id in (select …)` would not do: the planner
 * removes that self-join on the primary key and reads the table for every row again.) The tag
 * filter is an id list from the tag table's own community key.
 */
export function residentListWhere(actor: Actor, q: Partial<ResidentListQuery>): ListWhere {
  const shape: string[] = [];
  const values: Values = {};
  const scope: SQL[] = [visibleResidentsWhere(actor, ph('scope')), isNull(residents.archivedAt)];
  values.scope = actor.communityIds;
  shape.push(actor.permissions.has('residents.read') && actor.communityIds.length ? 'scoped' : 'none');
  if (q.communityId) {
    shape.push('community');
    scope.push(eq(residents.communityId, ph('communityId')));
    values.communityId = q.communityId;
  }
  const where: SQL[] = [...scope];
  const add = (name: keyof ResidentListQuery, condition: SQL, value: unknown) => {
    shape.push(name);
    where.push(condition);
    values[name] = value;
  };
  if (q.householdId) add('householdId', eq(residents.householdId, ph('householdId')), q.householdId);
  if (q.sex) add('sex', eq(residents.sex, ph('sex')), q.sex);
  if (q.q) {
    const s = search(q.q);
    shape.push(s.kind);
    Object.assign(values, s.values);
    where.push(s.indexed ? s.condition : sql`${residents.id} = any(array(select ${residents.id} from ${residents} where ${and(...scope, s.condition)}))`);
  }
  if (q.tags?.length) {
    const communities = q.communityId ? actor.communityIds.filter((c) => c === q.communityId) : actor.communityIds;
    const t = actor.permissions.has('residents.read') ? taggedIds(actor, q.tags, communities) : { kind: 'tags:none', condition: sql`false`, values: {} };
    shape.push(t.kind);
    Object.assign(values, t.values);
    where.push(t.condition);
  }
  const today = chinaToday();
  if (q.ageMin !== undefined) add('ageMin', sql`${residents.birthDate} <= ${ph('ageMin')}`, yearsBefore(today, q.ageMin));
  if (q.ageMax !== undefined) add('ageMax', sql`${residents.birthDate} > ${ph('ageMax')}`, yearsBefore(today, q.ageMax + 1));
  return { where: and(...where)!, values, shape: shape.join(',') };
}

type OrderColumns = Record<'id' | 'namePinyin' | 'birthDate' | 'createdAt' | 'updatedAt', SQL.Aliased | AnyColumn>;

/** ORDER BY of a list, over the residents table or a subquery that selected the same columns. */
export function residentOrder(q: Pick<ResidentListQuery, 'sort' | 'order'>, cols: OrderColumns = residents): SQL[] {
  const dir = q.order === 'desc' ? desc : asc;
  const col = { name: cols.namePinyin, birthDate: cols.birthDate, createdAt: cols.createdAt, updatedAt: cols.updatedAt }[q.sort];
  return [dir(col), dir(cols.id)];
}
