import { and, inArray, isNull } from 'drizzle-orm';
import { ERROR_MESSAGES } from '../../../common/errors';
import type { AddressProposal, AddressProposalPage, AddressProposalQuery, FromAddressesInput } from '../../../common/schemas/households.schema';
import { parallel, type Db } from '../../db/client';
import type { Actor } from '../../lib/actor';
import { AppError, notFound } from '../../lib/errors';
import { orgUnits } from '../orgs/orgs.table';
import { ageOn } from '../residents/residents.presenter';
import { residents } from '../residents/residents.table';
import { canEditHousehold } from './households.policy';
import { formatAddress } from './households.presenter';
import { checkCommunity, insertHousehold } from './households.service';

type AddressParts = { neighborhood: string | null; building: string | null; unit: string | null; room: string | null; addressDetail: string | null };

/** Full-width to half-width (NFKC), no spaces at all. */
const clean = (v: string | null) => (v ?? '').normalize('NFKC').replace(/\s+/g, '');
/** A bare number in a field gets the word the field stands for, so that "3" and "3幢" read alike. */
const numbered = (v: string | null, word: string) => {
  const s = clean(v);
  return /^\d+$/.test(s) ? `${s}${word}` : s;
};

/**
 * One address written many ways, as one key: full-width → half-width, spaces gone, 3号楼/3栋/3座/3号
 * (before a 单元) → 3幢, 301室/301号房 → 301, a closing 12号 → 12, the community's own name and
 * anything before it dropped (an address column often repeats 街道 and 社区).
 */
export function addressKey(a: AddressParts, communityName = ''): string {
  let s = [clean(a.neighborhood), numbered(a.building, '幢'), numbered(a.unit, '单元'), numbered(a.room, '室'), clean(a.addressDetail)].join('');
  const name = clean(communityName);
  if (name && s.includes(name) && s.length > s.indexOf(name) + name.length) s = s.slice(s.indexOf(name) + name.length);
  return s
    .replace(/[‐-―−]/g, '-')
    .replace(/(\d+)(?:号楼|号幢|号栋|幢|栋|座|号(?=\d+单元))/g, '$1幢')
    .replace(/(\d+)(?:室|号房|房)/g, '$1')
    .replace(/(\d+)号$/, '$1');
}

/** What grouping and checking read of a resident: no identifiers, nothing encrypted. */
const candidate = {
  id: residents.id, communityId: residents.communityId, householdId: residents.householdId, archivedAt: residents.archivedAt,
  name: residents.name, sex: residents.sex, birthDate: residents.birthDate, relationToHead: residents.relationToHead,
  guardianName: residents.guardianName, guardianRelation: residents.guardianRelation,
  neighborhood: residents.neighborhood, building: residents.building, unit: residents.unit, room: residents.room, addressDetail: residents.addressDetail,
};
type Candidate = Pick<typeof residents.$inferSelect, keyof typeof candidate>;

/** 父母/父亲/母亲 → the head's child; 祖父母/爷爷/外婆 … → grandchild: what a minor's guardian on record says. */
function relationByGuardian(m: Candidate, head: Candidate): string | null {
  if (!m.guardianName || m.guardianName.trim() !== head.name) return null;
  const rel = m.guardianRelation ?? '';
  if (/^(父母|父亲|母亲|父|母|爸爸|妈妈)$/.test(rel)) return 'child';
  if (/^(祖父母|外祖父母|祖父|祖母|外祖父|外祖母|爷爷|奶奶|外公|外婆)$/.test(rel)) return 'grandchild';
  return null;
}

/**
 * One group's proposal: the head is the one recorded as 户主 if exactly one is, else the eldest adult
 * (else the eldest); relations are the ones on record when the head is the recorded one, else what
 * a guardian link tells, else null (待确认).
 */
function propose(group: Candidate[], communityName: string): AddressProposal {
  const byAge = [...group].sort((a, b) => (a.birthDate ?? '9999').localeCompare(b.birthDate ?? '9999') || a.id.localeCompare(b.id));
  const recorded = group.filter((m) => m.relationToHead === 'head');
  const adults = byAge.filter((m) => (ageOn(m.birthDate) ?? 0) >= 18);
  const head = recorded.length === 1 ? recorded[0] : (adults[0] ?? byAge[0]);
  const members = [head, ...byAge.filter((m) => m !== head)].map((m) => ({
    residentId: m.id,
    name: m.name,
    sex: m.sex as 'male' | 'female',
    age: ageOn(m.birthDate),
    relationToHead: m === head ? 'head' : recorded.length === 1 ? m.relationToHead : relationByGuardian(m, head),
  }));
  return {
    key: `${head.communityId}|${addressKey(head, communityName)}`,
    communityId: head.communityId,
    communityName,
    address: formatAddress(head),
    members,
    headResidentId: head.id,
    noAdult: adults.length === 0,
  };
}

/** The caller's communities where they may register households, narrowed to one if asked. */
function writableCommunities(actor: Actor, communityId?: string): string[] {
  return actor.communityIds.filter((id) => canEditHousehold(actor, { communityId: id }) && (!communityId || id === communityId));
}

/**
 * 按地址生成家庭: the residents of the caller's communities who belong to no household, grouped by
 * community and normalised address (addressKey), as proposed households, a page at a time. Only
 * names, sex and age are shown: no tags, so nothing restricted is told here.
 */
export async function proposeHouseholds({ db, actor, query }: { db: Db; actor: Actor; query: AddressProposalQuery }): Promise<AddressProposalPage> {
  const scope = writableCommunities(actor, query.communityId);
  if (!scope.length) return { data: [], total: 0, ungrouped: 0, withoutAddress: 0 };
  const [rows, communities] = await parallel(db, [
    () => db.select(candidate).from(residents).where(and(inArray(residents.communityId, scope), isNull(residents.householdId), isNull(residents.archivedAt))),
    () => db.select({ id: orgUnits.id, name: orgUnits.name }).from(orgUnits).where(inArray(orgUnits.id, scope)),
  ]);
  const names = new Map(communities.map((c) => [c.id, c.name]));
  const groups = new Map<string, Candidate[]>();
  let withoutAddress = 0;
  for (const r of rows) {
    const key = addressKey(r, names.get(r.communityId));
    if (!key) {
      withoutAddress++;
      continue;
    }
    const k = `${r.communityId}|${key}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  const proposals = [...groups.values()]
    .map((g) => propose(g, names.get(g[0].communityId) ?? ''))
    .sort((a, b) => a.communityName.localeCompare(b.communityName, 'zh-CN') || a.key.localeCompare(b.key, 'zh-CN'));
  const from = (query.page - 1) * query.pageSize;
  return { data: proposals.slice(from, from + query.pageSize), total: proposals.length, ungrouped: rows.length, withoutAddress };
}

type Refusal = 'households.proposal_stale' | 'households.address_mismatch' | 'households.relations_inconsistent' | 'households.resident_twice' | 'households.head_not_member' | 'households.member_other_community';
const bad = (status: number, code: Refusal, field: string) => new AppError(code, status, [{ field, code, message: ERROR_MESSAGES[code].zh }]);

/**
 * Creates the households the worker ticked, in one transaction: each member is a resident of the
 * household's community in the caller's scope, in no household yet and at the same address; the
 * head is a member with 与户主关系 户主 and nobody else is. One refusal and nothing is created.
 */
export async function createFromAddresses({ db, actor, input }: { db: Db; actor: Actor; input: FromAddressesInput }) {
  return db.transaction(async (tx) => {
    const ids = input.households.flatMap((h) => h.members.map((m) => m.residentId));
    const twice = ids.findIndex((id, i) => ids.indexOf(id) !== i);
    if (twice >= 0) throw bad(400, 'households.resident_twice', 'households');
    const rows = await tx.select(candidate).from(residents).where(inArray(residents.id, ids)).for('update');
    const byId = new Map(rows.map((r) => [r.id, r]));
    const communityNames = new Map((await tx.select({ id: orgUnits.id, name: orgUnits.name }).from(orgUnits).where(inArray(orgUnits.id, [...new Set(rows.map((r) => r.communityId))]))).map((c) => [c.id, c.name]));
    const created: string[] = [];
    for (const [i, h] of input.households.entries()) {
      const field = `households.${i}.members`;
      checkCommunity(actor, h.communityId);
      const members = h.members.map((m) => byId.get(m.residentId));
      // Out of the caller's scope reads as missing (404); closed or housed since the proposal: stale.
      if (members.some((m) => !m || !actor.communityIds.includes(m.communityId))) throw notFound();
      const found = members as Candidate[];
      if (found.some((m) => m.archivedAt || m.householdId)) throw bad(409, 'households.proposal_stale', field);
      if (found.some((m) => m.communityId !== h.communityId)) throw bad(400, 'households.member_other_community', field);
      if (new Set(found.map((m) => addressKey(m, communityNames.get(m.communityId)))).size > 1) throw bad(400, 'households.address_mismatch', field);
      const head = byId.get(h.headResidentId);
      if (!head || !h.members.some((m) => m.residentId === head.id)) throw bad(400, 'households.head_not_member', `households.${i}.headResidentId`);
      if (h.members.some((m) => (m.relationToHead === 'head') !== (m.residentId === head.id))) throw bad(400, 'households.relations_inconsistent', field);
      created.push(
        await insertHousehold({
          tx,
          actor,
          input: {
            communityId: h.communityId, neighborhood: head.neighborhood, building: head.building, unit: head.unit, room: head.room, addressDetail: head.addressDetail,
            type: 'ordinary', headResidentId: head.id, members: h.members,
          },
          detail: { via: 'address' },
        }),
      );
    }
    return { created: created.length, ids: created };
  });
}
