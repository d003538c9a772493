import type { Code } from './codes';

/** Organisation kinds and where each may sit in the tree (SPEC "Who and where"). */
export const ORG_KINDS = [
  { code: 'district', zh: '区/县', en: 'District/county' },
  { code: 'street', zh: '街道/乡镇', en: 'Street/township' },
  { code: 'community', zh: '社区', en: 'Community' },
  { code: 'village', zh: '村', en: 'Village' },
  { code: 'agency', zh: '社工机构', en: 'Social work agency' },
  { code: 'station', zh: '社工站', en: 'Social work station' },
] as const satisfies readonly Code[];
export type OrgKind = (typeof ORG_KINDS)[number]['code'];

/** Allowed parent kinds per kind (null: a root). */
export const ORG_PARENTS: Record<OrgKind, readonly (OrgKind | null)[]> = {
  district: [null],
  street: ['district'],
  community: ['street'],
  village: ['street'],
  agency: [null, 'district'],
  station: ['agency', 'street'],
};

/** Kinds that residents live in: 社区 (urban) and 村 (rural). */
export const COMMUNITY_KINDS: readonly OrgKind[] = ['community', 'village'];
/** Kinds that serve communities through `org_unit_serves`. */
export const SERVING_KINDS: readonly OrgKind[] = ['agency', 'station'];
