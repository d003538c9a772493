import type { FieldMessageCode } from './errors';
import { isDivisionCode, isFondsCode } from './validators/credit-code.validator';

/** What the rules below read of an org unit (the API's OrgUnit has these fields). */
export type RuleUnit = { id: string; kind: string; parentId: string | null; name: string; fondsCode: string | null; serves: readonly string[]; archived: boolean };

/**
 * The division code a unit of this kind may carry, as a field message code when it is wrong. A
 * 社区/村 needs its 12-digit 统计用区划代码 (6 digits of the county, 3 of the street, 3 of the
 * committee: 001–199 居委会, 200–399 村委会, per NBS 统计用区划代码编制规则); a street's ends in 000;
 * a district has its 6-digit GB/T 2260 code; agencies and stations have none.
 */
export function divisionCodeIssue(kind: string, code: string | null | undefined): FieldMessageCode | null {
  if (kind === 'agency' || kind === 'station') return code ? 'division_code.not_applicable' : null;
  if (!code) return kind === 'community' || kind === 'village' ? 'division_code.required' : null;
  if (kind === 'district') return isDivisionCode(code, 6) ? null : 'division_code.district';
  if (!isDivisionCode(code, 12)) return 'division_code.twelve';
  const committee = Number(code.slice(9));
  if (kind === 'street') return committee === 0 && code.slice(6, 9) !== '000' ? null : 'division_code.street';
  if (kind === 'community') return committee >= 1 && committee <= 199 ? null : 'division_code.community';
  if (kind === 'village') return committee >= 200 && committee <= 399 ? null : 'division_code.village';
  return null;
}

/** A 全宗号 is set only on an agency or station, in the archival form (isFondsCode). */
export function fondsCodeIssue(kind: string, fondsCode: string | null | undefined): FieldMessageCode | null {
  if (!fondsCode) return null;
  if (kind !== 'agency' && kind !== 'station') return 'fonds_code.not_applicable';
  return isFondsCode(fondsCode) ? null : 'fonds_code.invalid';
}

const byName = (a: RuleUnit, b: RuleUnit) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1);

/**
 * The station that serves a new community of this street by default: the one already serving most
 * of the street's communities; when none does, a station set up under the street itself.
 */
export function defaultServingUnit<U extends RuleUnit>(streetId: string | null, units: readonly U[]): U | null {
  if (!streetId) return null;
  const siblings = new Set(units.filter((u) => u.parentId === streetId && (u.kind === 'community' || u.kind === 'village') && !u.archived).map((u) => u.id));
  const stations = units.filter((u) => u.kind === 'station' && !u.archived);
  const served = (s: U) => s.serves.filter((c) => siblings.has(c)).length;
  const ranked = stations
    .filter((s) => served(s) > 0 || s.parentId === streetId)
    .sort((a, b) => served(b) - served(a) || Number(b.parentId === streetId) - Number(a.parentId === streetId) || byName(a, b));
  return ranked[0] ?? null;
}

/**
 * The units that may hold a community's case archives, in the order they are asked: the stations
 * serving it (the one set up under its street first), then their agencies, then agencies serving it
 * directly. The first with a 全宗号 holds them (《城市社区档案管理办法》第8条: one place keeps them;
 * DA/T 13—2022: the 全宗号 is the holding unit's). A station without its own 全宗号 files under
 * its agency's.
 */
export function archiveUnits<U extends RuleUnit>(community: Pick<RuleUnit, 'id' | 'parentId'>, units: readonly U[]): U[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const serving = units.filter((u) => !u.archived && u.serves.includes(community.id));
  const stations = serving
    .filter((u) => u.kind === 'station')
    .sort((a, b) => Number(b.parentId === community.parentId) - Number(a.parentId === community.parentId) || byName(a, b));
  const parents = stations.map((s) => (s.parentId ? byId.get(s.parentId) : undefined)).filter((u): u is U => !!u && u.kind === 'agency' && !u.archived);
  const agencies = serving.filter((u) => u.kind === 'agency').sort(byName);
  return [...new Set([...stations, ...parents, ...agencies])];
}

/** The unit whose 全宗号 a community's closed cases carry, or null when none has one. */
export function archiveHolder<U extends RuleUnit>(community: Pick<RuleUnit, 'id' | 'parentId'>, units: readonly U[]): U | null {
  return archiveUnits(community, units).find((u) => !!u.fondsCode) ?? null;
}
