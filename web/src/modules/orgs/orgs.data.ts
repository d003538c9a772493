import { useQuery } from '@tanstack/react-query';
import { COMMUNITY_KINDS, ORG_KINDS, type OrgKind } from '../../../../common/codes/org.codes';
import type { OrgUnit } from '../../../../common/schemas/orgs.schema';
import { api, type Page } from '../../lib/api';

export const ORGS_KEY = ['orgs'];

/** The whole organisation tree as the API answers it (flat); shared by orgs, users and audit pages. */
export function useOrgUnits(enabled = true) {
  return useQuery({
    queryKey: ORGS_KEY,
    queryFn: () => api.get<Page<OrgUnit>>('/api/orgs'),
    select: (p) => p.data,
    staleTime: 30_000,
    enabled,
  });
}

export type OrgNode = OrgUnit & { children: OrgNode[]; depth: number; path: string[] };

const kindOrder = (k: string) => ORG_KINDS.findIndex((x) => x.code === k);

/** Siblings in a stable reading order: by kind (区县, 街道, 社区, 村, 机构, 站), then code, then name. */
export function compareUnits(a: OrgUnit, b: OrgUnit): number {
  return kindOrder(a.kind) - kindOrder(b.kind) || (a.code ?? '').localeCompare(b.code ?? '') || a.name.localeCompare(b.name, 'zh-CN');
}

/** Flat units → a forest; units whose parent is missing become roots, so nothing disappears. */
export function buildTree(units: OrgUnit[]): OrgNode[] {
  const byId = new Map<string, OrgNode>(units.map((u) => [u.id, { ...u, children: [], depth: 0, path: [] }]));
  const roots: OrgNode[] = [];
  for (const n of byId.values()) {
    const parent = n.parentId ? byId.get(n.parentId) : undefined;
    if (parent) parent.children.push(n);
    else roots.push(n);
  }
  const visit = (nodes: OrgNode[], depth: number, path: string[]) => {
    nodes.sort(compareUnits);
    for (const n of nodes) {
      n.depth = depth;
      n.path = path;
      visit(n.children, depth + 1, [...path, n.id]);
    }
  };
  visit(roots, 0, []);
  return roots;
}

export const isCommunity = (u: Pick<OrgUnit, 'kind'>) => COMMUNITY_KINDS.includes(u.kind as OrgKind);

/** Communities and villages grouped by their street, for "服务社区" pickers. */
export function communitiesByStreet(units: OrgUnit[], includeArchived = false) {
  const byId = new Map(units.map((u) => [u.id, u]));
  const groups = new Map<string, { street: OrgUnit | null; items: OrgUnit[] }>();
  for (const u of units) {
    if (!isCommunity(u) || (u.archived && !includeArchived)) continue;
    const street = u.parentId ? (byId.get(u.parentId) ?? null) : null;
    const key = street?.id ?? '';
    if (!groups.has(key)) groups.set(key, { street, items: [] });
    groups.get(key)!.items.push(u);
  }
  return [...groups.values()]
    .map((g) => ({ ...g, items: g.items.sort(compareUnits) }))
    .sort((a, b) => (a.street && b.street ? compareUnits(a.street, b.street) : a.street ? -1 : 1));
}

/** "临江区 / 江滨街道 / 曙光社区": where a unit sits. */
export function unitPath(units: Map<string, OrgUnit>, id: string): string {
  const names: string[] = [];
  let u = units.get(id);
  for (let guard = 0; u && guard < 10; guard++) {
    names.unshift(u.name);
    u = u.parentId ? units.get(u.parentId) : undefined;
  }
  return names.join(' / ');
}

/** Tree colours in the app's teal; antd's default selected background is a dark grey with this theme. */
export const TREE_THEME = { components: { Tree: { nodeSelectedBg: '#ccebe6', nodeHoverBg: '#eef6f5' }, TreeSelect: { nodeSelectedBg: '#ccebe6', nodeHoverBg: '#eef6f5' } } };
