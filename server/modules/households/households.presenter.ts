import type { Household, HouseholdMember } from '../../../common/schemas/households.schema';
import type { households } from './households.table';

export type HouseholdRow = typeof households.$inferSelect;

/** 幸福小区 3栋 2单元 501室 — the parts that are filled in. */
export function formatAddress(h: Pick<HouseholdRow, 'neighborhood' | 'building' | 'unit' | 'room' | 'addressDetail'>): string {
  const parts = [
    h.neighborhood,
    h.building && (/[栋幢号楼组]$/.test(h.building) ? h.building : `${h.building}栋`),
    h.unit && (/单元$/.test(h.unit) ? h.unit : `${h.unit}单元`),
    h.room && (/[室号]$/.test(h.room) ? h.room : `${h.room}室`),
  ].filter(Boolean);
  const main = parts.join(' ');
  return [main, h.addressDetail].filter(Boolean).join('，') || '—';
}

export function presentHousehold(
  h: HouseholdRow,
  extra: { communityName: string; headName: string | null; memberCount: number; members?: HouseholdMember[] },
): Household {
  return {
    id: h.id,
    communityId: h.communityId,
    communityName: extra.communityName,
    neighborhood: h.neighborhood,
    building: h.building,
    unit: h.unit,
    room: h.room,
    addressDetail: h.addressDetail,
    address: formatAddress(h),
    type: h.type,
    headResidentId: h.headResidentId,
    headName: extra.headName,
    memberCount: extra.memberCount,
    members: extra.members,
    note: h.note,
    version: h.version,
    createdAt: h.createdAt.toISOString(),
    updatedAt: h.updatedAt.toISOString(),
    archivedAt: h.archivedAt?.toISOString() ?? null,
  };
}
