import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permissionsOf, type Role } from '../common/permissions';
import { canOpen } from '../web/src/lib/routes';
import { chromiumMissing, logIn, startE2E, type E2E } from './harness';

/** The pages looked at: the start page, every list, and the first record each list links to. */
const PAGES = ['/', '/admin/orgs', '/admin/users', '/admin/audit', '/todo', '/cases', '/referrals', '/resources', '/residents', '/households', '/households/from-addresses'];
const RECORDS = [/^\/residents\/[0-9a-f-]{36}$/, /^\/households\/[0-9a-f-]{36}$/, /^\/cases\/[0-9a-f-]{36}$/];

/** The page once it has loaded what it shows (no spinner, no request under way). */
async function settled(page: Page) {
  await page.locator('.app-content').waitFor();
  await page.waitForLoadState('networkidle');
  await page.locator('.ant-spin-spinning, .ant-skeleton-active').first().waitFor({ state: 'detached' });
}

/** Every same-site link on the page, as a path with its query. */
async function hrefs(page: Page): Promise<string[]> {
  const links = await page.locator('a[href^="/"]:visible').all();
  return (await Promise.all(links.map((a) => a.getAttribute('href')))).filter((h): h is string => !!h);
}

// 'Links a user cannot open are not shown': each role walks its pages and every link on them must
// lead to a page its permissions (those /api/auth/me gives the web) let it open.
describe.skipIf(chromiumMissing())('browser journey: no link leads where the user may not go', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(async () => e?.close());

  const walk = async (username: string, role: Role) => {
    const permissions = [...permissionsOf(role)];
    const page = await e.newPage();
    await logIn(page, e.baseUrl, username);
    const refused: string[] = [];
    const records = new Set<string>();
    const visited: string[] = [];
    const look = async (path: string) => {
      await page.goto(`${e.baseUrl}${path}`);
      await settled(page);
      visited.push(path);
      for (const href of await hrefs(page)) {
        if (!canOpen(permissions, href)) refused.push(`${path} → ${href}`);
        const bare = href.split(/[?#]/)[0];
        if (RECORDS.some((r) => r.test(bare)) && ![...records].some((x) => RECORDS.find((r) => r.test(x))?.test(bare))) records.add(bare);
      }
      return page;
    };
    for (const path of PAGES.filter((p) => canOpen(permissions, p))) await look(path);
    for (const path of records) await look(path);
    return { refused, page, visited };
  };

  it('shows the administrator no way to residents, households or cases, on the organisations page or anywhere', async () => {
    const { refused, page } = await walk('admin', 'admin');
    expect(refused).toEqual([]);
    await page.goto(`${e.baseUrl}/admin/orgs`);
    await settled(page);
    expect((await hrefs(page)).filter((h) => /^\/(residents|households|cases|todo)/.test(h))).toEqual([]);
  });

  it('shows a street manager no 新建 or 导入 and no link beyond what the post reads', async () => {
    const { refused, page, visited } = await walk('jiedao', 'street_admin');
    expect(refused).toEqual([]);
    expect(visited.filter((p) => RECORDS.some((r) => r.test(p)))).toHaveLength(3);
    for (const path of visited) {
      await page.goto(`${e.baseUrl}${path}`);
      await settled(page);
      expect(await page.getByRole('button', { name: /新\s*建|导\s*入|登\s*记|接\s*案|生成/ }).count(), path).toBe(0);
    }
  });

  it.each([
    ['jigou', 'agency_head'],
    ['dudao', 'supervisor'],
    ['shegong2', 'worker'],
    ['zhiyuan', 'volunteer'],
  ] as const)('shows %s only links it may open', async (username, role) => {
    const { refused } = await walk(username, role);
    expect(refused).toEqual([]);
  });
});
