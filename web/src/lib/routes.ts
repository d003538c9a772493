import { matchPath } from 'react-router';
import type { Permission } from '../../../common/permissions';

/**
 * Every page of the app and the permission it needs (null: anyone logged in). The router guards
 * each page with it, the menu lists what it allows, and a link or button leading to a page is shown
 * only when `canOpen` says the user may open it. Specific patterns before general ones.
 */
export const ROUTE_PERMISSIONS: readonly [pattern: string, permission: Permission | null][] = [
  ['/', null],
  ['/password', null],
  ['/account', null],
  ['/account/second-factor', null],
  ['/residents', 'residents.read'],
  ['/residents/new', 'residents.write'],
  ['/residents/import', 'residents.import'],
  ['/residents/:id', 'residents.read'],
  ['/residents/:id/edit', 'residents.write'],
  ['/households', 'households.read'],
  ['/households/from-addresses', 'households.write'],
  ['/households/:id', 'households.read'],
  ['/todo', 'cases.read'],
  ['/cases', 'cases.read'],
  ['/cases/new', 'cases.write'],
  ['/cases/:id', 'cases.read'],
  ['/cases/:id/print', 'cases.read'],
  ['/referrals', 'cases.read'],
  ['/referrals/:id/print', 'cases.read'],
  ['/resources', 'cases.read'],
  ['/admin/orgs', 'orgs.manage'],
  ['/admin/users', 'users.manage'],
  ['/admin/audit', 'audit.read'],
  ['/admin/risk-levels', 'settings.manage'],
];

/** The permission the page at `to` (a path, maybe with ?query or #hash) needs; undefined: no such page. */
export function routePermission(to: string): Permission | null | undefined {
  const path = to.split(/[?#]/)[0] || '/';
  return ROUTE_PERMISSIONS.find(([pattern]) => matchPath({ path: pattern, end: true }, path))?.[1];
}

/** Whether a user with these permissions (from /api/auth/me) may open the page at `to`. */
export function canOpen(permissions: readonly string[], to: string): boolean {
  const p = routePermission(to);
  return p === null || (p !== undefined && permissions.includes(p));
}
