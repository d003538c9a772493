import { and, asc, desc, eq, inArray, isNull, like, or, sql, type SQL } from 'drizzle-orm';
import { RESTRICTED_TAGS } from '../../../common/codes/tag.codes';
import type { ResidentListQuery } from '../../../common/schemas/residents.schema';
import { parseIdNumber } from '../../../common/validators/id-number.validator';
import { normalizeMobile } from '../../../common/validators/phone.validator';
import type { Actor } from '../../lib/actor';
import { blindIndex } from '../../lib/crypto';
import { visibleResidentsWhere } from './residents.policy';
import { residents, residentTags } from './residents.table';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, '\\$&');
const reverse = (s: string) => [...s].reverse().join('');

/**
 * What a social worker types in the one search box: a name or part of it (张三丰, 三丰), pinyin or
 * initials (zhangsanfeng, zsf), the last 3–6 characters of the ID number, the last 4 digits of a
 * mobile number, a whole ID number or a whole mobile number.
 */
export function searchCondition(q: string): SQL {
  const s = q.trim();
  const id = /^\d{15}$|^\d{17}[\dXx]$/.test(s) ? parseIdNumber(s) : null;
  if (id?.ok) return eq(residents.idNumberHash, blindIndex(id.idNumber)!);
  const mobile = /^\+?\d{11,13}$/.test(s) ? normalizeMobile(s) : null;
  if (mobile) return eq(residents.phoneHash, blindIndex(mobile)!);
  if (/^\d{2,5}[\dXx]$/.test(s)) {
    const tail = like(residents.idNumberRev, `${escapeLike(reverse(s.toUpperCase()))}%`);
    return s.length === 4 && /^\d{4}$/.test(s) ? or(tail, eq(residents.phoneLast4, s))! : tail;
  }
  if (/^[A-Za-z]+$/.test(s)) {
    const p = escapeLike(s.toLowerCase());
    return or(like(residents.nameInitials, `${p}%`), like(residents.namePinyin, `${p}%`))!;
  }
  // A name or a part of one; the scope to the caller's communities comes first in the plan.
  return like(residents.name, `%${escapeLike(s)}%`);
}

/** Only tags in force today count as a filter. */
export const activeTagSql = sql`(${residentTags.startDate} is null or ${residentTags.startDate} <= current_date)
  and (${residentTags.endDate} is null or ${residentTags.endDate} >= current_date)`;

/** Residents with any of these tags in force, restricted ones only where the actor has the right. */
function tagCondition(actor: Actor, tags: string[]): SQL {
  const open = tags.filter((t) => !RESTRICTED_TAGS.includes(t));
  const restricted = tags.filter((t) => RESTRICTED_TAGS.includes(t));
  const parts: SQL[] = [];
  if (open.length) parts.push(inArray(residentTags.tag, open));
  if (restricted.length && actor.restrictedCommunityIds.length) {
    parts.push(and(inArray(residentTags.tag, restricted), inArray(residents.communityId, actor.restrictedCommunityIds))!);
  }
  if (!parts.length) return sql`false`;
  return sql`exists (select 1 from ${residentTags} where ${residentTags.residentId} = ${residents.id}
    and (${or(...parts)}) and ${activeTagSql})`;
}

function yearsAgo(years: number): string {
  const d = new Date();
  d.setFullYear(d.getFullYear() - years);
  return d.toISOString().slice(0, 10);
}

/** The WHERE of a resident list: the actor's scope first, then each filter. */
export function residentListWhere(actor: Actor, q: Partial<ResidentListQuery>): SQL {
  const where: SQL[] = [visibleResidentsWhere(actor), isNull(residents.archivedAt)];
  if (q.communityId) where.push(eq(residents.communityId, q.communityId));
  if (q.householdId) where.push(eq(residents.householdId, q.householdId));
  if (q.sex) where.push(eq(residents.sex, q.sex));
  if (q.q) where.push(searchCondition(q.q));
  if (q.tags?.length) where.push(tagCondition(actor, q.tags));
  if (q.ageMin !== undefined) where.push(sql`${residents.birthDate} <= ${yearsAgo(q.ageMin)}`);
  if (q.ageMax !== undefined) where.push(sql`${residents.birthDate} > ${yearsAgo(q.ageMax + 1)}`);
  return and(...where)!;
}

export function residentOrder(q: Pick<ResidentListQuery, 'sort' | 'order'>): SQL[] {
  const dir = q.order === 'desc' ? desc : asc;
  const col = { name: residents.namePinyin, birthDate: residents.birthDate, createdAt: residents.createdAt, updatedAt: residents.updatedAt }[q.sort];
  return [dir(col), dir(residents.id)];
}
