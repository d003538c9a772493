import type { Code } from './codes/codes';

export const ROLES = [
  { code: 'admin', zh: '系统管理员', en: 'System administrator' },
  { code: 'audit_admin', zh: '审计管理员', en: 'Audit administrator' },
  { code: 'street_admin', zh: '街道/区管理员', en: 'Street/district manager' },
  { code: 'agency_head', zh: '机构负责人', en: 'Agency head' },
  { code: 'supervisor', zh: '督导', en: 'Supervisor' },
  { code: 'worker', zh: '社工', en: 'Social worker' },
  { code: 'volunteer', zh: '志愿者', en: 'Volunteer' },
] as const satisfies readonly Code[];
export type Role = (typeof ROLES)[number]['code'];
export const ROLE_CODES = ROLES.map((r) => r.code) as [Role, ...Role[]];

export const PERMISSIONS = [
  'dashboard.read',
  'residents.read',
  'residents.write',
  'residents.import',
  'residents.export',
  'residents.reveal',
  'households.read',
  'households.write',
  'orgs.read',
  'orgs.manage',
  'users.manage',
  'audit.read',
  // The audit log in full (residents' data, restricted cases): the audit administrator's alone.
  'audit.read_detail',
  // 个案: read the cases one is on (team) — `cases.oversee` adds the unrestricted cases of the scope.
  'cases.read',
  'cases.write',
  'cases.approve',
  'cases.oversee',
  // 督导: the whole file (records, assessments, plan, notes) of the unrestricted cases of the scope;
  // `cases.oversee` alone shows their summary (个人信息保护法 第6条, minimum necessary).
  'cases.supervise',
  'resources.manage',
  // 系统设置 (risk levels): deployment-wide configuration.
  'settings.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * What each role may do, function by function. Which records it applies to is the scope of the
 * user's post (the communities it covers), decided in each module's policy. The system
 * administrator manages organisations, accounts and settings and reads the audit log without
 * residents' data; the audit administrator reads the log in full and manages nothing (等保 2.0
 * 三级 三权分立; least privilege, 访问控制). See audit.policy.ts.
 */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: ['orgs.read', 'orgs.manage', 'users.manage', 'audit.read', 'settings.manage'],
  audit_admin: ['audit.read', 'audit.read_detail'],
  street_admin: ['dashboard.read', 'residents.read', 'residents.export', 'households.read', 'orgs.read', 'cases.read', 'cases.oversee'],
  agency_head: ['dashboard.read', 'residents.read', 'residents.export', 'households.read', 'orgs.read', 'cases.read', 'cases.oversee', 'cases.approve', 'resources.manage'],
  supervisor: [
    'dashboard.read',
    'residents.read',
    'residents.write',
    'residents.import',
    'residents.export',
    'residents.reveal',
    'households.read',
    'households.write',
    'orgs.read',
    'cases.read',
    'cases.write',
    'cases.approve',
    'cases.oversee',
    'cases.supervise',
    'resources.manage',
  ],
  worker: [
    'dashboard.read',
    'residents.read',
    'residents.write',
    'residents.import',
    'residents.export',
    'residents.reveal',
    'households.read',
    'households.write',
    'orgs.read',
    'cases.read',
    'cases.write',
    'resources.manage',
  ],
  volunteer: ['dashboard.read'],
};

export function permissionsOf(role: Role): ReadonlySet<Permission> {
  return new Set(ROLE_PERMISSIONS[role]);
}
