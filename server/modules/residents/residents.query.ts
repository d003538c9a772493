import { and, asc, desc, eq, inArray, isNull, like, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { RESTRICTED_TAGS } from '../../../common/codes/tag.codes';
import { chinaToday, yearsBefore } from '../../../common/dates';
import type { ResidentListQuery } from '../../../common/schemas/residents.schema';
import { parseIdNumber } from '../../../common/validators/id-number.validator';
import { normalizeMobile } from '../../../common/validators/phone.validator';
import type { Actor } from '../../lib/actor';
import { blindIndex } from '../../lib/crypto';
import { visibleResidentsWhere } from './residents.policy';
import { residents, residentTags } from './residents.table';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, '\\$&');
const reverse = (s: string) => [...s].reverse().join('');

type Search = {
  condition: SQL;
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
  const id = /^\d{15}$|^\d{17}[\dXx]$/.test(digits) ? parseIdNumber(digits) : null;
  if (id?.ok) return { condition: eq(residents.idNumberHash, blindIndex(id.idNumber)!), indexed: true };
  const mobile = /^\+?\d{11,13}$/.test(digits) ? normalizeMobile(digits) : null;
  if (mobile) return { condition: eq(residents.phoneHash, blindIndex(mobile)!), indexed: true };
  if (/^\d{2,5}[\dXx]$/.test(digits)) {
    const tail = like(residents.idNumberRev, `${escapeLike(reverse(digits.toUpperCase()))}%`);
    return { condition: digits.length === 4 && /^\d{4}$/.test(digits) ? or(tail, eq(residents.phoneLast4, digits))! : tail, indexed: true };
  }
  if (/^[A-Za-z]+$/.test(s)) {
    const p = escapeLike(s.toLowerCase());
    return { condition: or(like(residents.nameInitials, `${p}%`), like(residents.namePinyin, `${p}%`))!, indexed: true };
  }
  // A name or a part of one: every name in the caller's communities is looked at.
  return { condition: like(residents.name, `%${escapeLike(s)}%`), indexed: false };
}

/** Only tags in force today count as a filter. */
export const activeTagSql = sql`(${residentTags.startDate} is null or ${residentTags.startDate} <= current_date)
  and (${residentTags.endDate} is null or ${residentTags.endDate} >= current_date)`;

/**
 * The ids of residents with any of these tags in force, within the communities given, restricted
 * tags only where the actor has the right. Read from `resident_tags_community_tag_idx` alone.
 */
function taggedIds(actor: Actor, tags: string[], communityIds: string[]): SQL {
  const open = tags.filter((t) => !RESTRICTED_TAGS.includes(t));
  const restricted = tags.filter((t) => RESTRICTED_TAGS.includes(t));
  const restrictedIn = communityIds.filter((c) => actor.restrictedCommunityIds.includes(c));
  const parts: SQL[] = [];
  if (open.length) parts.push(and(inArray(residentTags.communityId, communityIds), inArray(residentTags.tag, open))!);
  if (restricted.length && restrictedIn.length) {
    parts.push(and(inArray(residentTags.communityId, restrictedIn), inArray(residentTags.tag, restricted))!);
  }
  if (!parts.length) return sql`false`;
  return sql`${residents.id} = any(array(select ${residentTags.residentId} from ${residentTags} where (${or(...parts)}) and ${activeTagSql}))`;
}

/**
 * The WHERE of a resident list: the actor's scope first, then each filter.
 *
 * A name fragment cannot be answered by an index range, so every name in scope is looked at: in an
 * id list, `id = any(array(select id … ))`, over columns that `residents_active_scope_idx`
 * (community, pinyin, id, name; not archived) holds, so the scan reads only that index and the
 * table is read for the matching rows alone. (An `id in (select …)` would not do: the planner
 * removes that self-join on the primary key and reads the table for every row again.) The tag
 * filter is an id list from the tag table's own community key.
 */
export function residentListWhere(actor: Actor, q: Partial<ResidentListQuery>): SQL {
  const scope: SQL[] = [visibleResidentsWhere(actor), isNull(residents.archivedAt)];
  if (q.communityId) scope.push(eq(residents.communityId, q.communityId));
  const where: SQL[] = [...scope];
  if (q.householdId) where.push(eq(residents.householdId, q.householdId));
  if (q.sex) where.push(eq(residents.sex, q.sex));
  if (q.q) {
    const s = search(q.q);
    where.push(s.indexed ? s.condition : sql`${residents.id} = any(array(select ${residents.id} from ${residents} where ${and(...scope, s.condition)}))`);
  }
  if (q.tags?.length) {
    const communities = q.communityId ? actor.communityIds.filter((c) => c === q.communityId) : actor.communityIds;
    where.push(actor.permissions.has('residents.read') ? taggedIds(actor, q.tags, communities) : sql`false`);
  }
  const today = chinaToday();
  if (q.ageMin !== undefined) where.push(sql`${residents.birthDate} <= ${yearsBefore(today, q.ageMin)}`);
  if (q.ageMax !== undefined) where.push(sql`${residents.birthDate} > ${yearsBefore(today, q.ageMax + 1)}`);
  return and(...where)!;
}

type OrderColumns = Record<'id' | 'namePinyin' | 'birthDate' | 'createdAt' | 'updatedAt', SQL.Aliased | AnyColumn>;

/** ORDER BY of a list, over the residents table or a subquery that selected the same columns. */
export function residentOrder(q: Pick<ResidentListQuery, 'sort' | 'order'>, cols: OrderColumns = residents): SQL[] {
  const dir = q.order === 'desc' ? desc : asc;
  const col = { name: cols.namePinyin, birthDate: cols.birthDate, createdAt: cols.createdAt, updatedAt: cols.updatedAt }[q.sort];
  return [dir(col), dir(cols.id)];
}
