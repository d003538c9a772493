import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, logIn, startE2E, type E2E } from './harness';

// The journey: a social worker finds a resident by pinyin initials, opens and edits them;
// the administrator then finds that change in the audit log (which field, not its value), and the
// audit administrator reads the value.
describe.skipIf(chromiumMissing())('browser journey: find, edit, audit', () => {
  let e: E2E;
  let page: Page;
  const note = `e2e 回访记录 ${Date.now()}`;
  let target: { id: string; name: string; initials: string };

  beforeAll(async () => {
    e = await startE2E();
    const { rows } = await e.db.execute<{ id: string; name: string; initials: string }>(sql`
      select r.id, r.name, r.name_initials as initials from residents r join org_units o on o.id = r.community_id
      where o.name = '曙光社区' and length(r.name_initials) = 3 order by r.name_pinyin limit 1`);
    target = rows[0];
    page = await e.newPage();
  });
  afterAll(async () => e?.close());

  it('lets shegong1 find a resident by pinyin initials, open and edit them', async () => {
    await logIn(page, e.baseUrl, 'shegong1');
    await page.goto(`${e.baseUrl}/residents`);
    const search = page.getByPlaceholder(/首字母/);
    await search.fill(target.initials);
    await search.press('Enter');
    const link = page.locator(`a[href="/residents/${target.id}"]`).first();
    await link.waitFor();
    await link.click();
    await page.getByRole('heading', { name: target.name }).waitFor();
    await page.getByRole('button', { name: /编\s*辑/ }).click();
    await page.getByPlaceholder('其他需要记录的情况').fill(note);
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText(note).waitFor();
    expect(page.url()).toContain(`/residents/${target.id}`);
  });

  const findChange = async () => {
    await page.goto(`${e.baseUrl}/admin/audit`);
    const entity = page.getByLabel('对象 ID');
    await entity.fill(target.id);
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await page.waitForURL(/entityId=/);
    await page.getByText('共 1 条').waitFor();
    const row = page.locator('tr', { hasText: 'shegong1' }).filter({ hasText: /修改|更新/ }).first();
    await row.waitFor();
    await row.click();
  };
  const logOut = async (name: RegExp) => {
    await page.getByRole('button', { name }).click();
    await page.getByText('退出登录').click();
    // The login form once the server has ended the session: going on earlier could abort the logout.
    await page.getByLabel(/用户名/).waitFor();
  };

  it('says 已退出登录 on the login page after logging out, not that the session expired', async () => {
    await logOut(/社工 王芳/);
    await page.getByText('已退出登录').waitFor();
    expect(await page.getByText('登录已过期').count()).toBe(0);
  });

  it('lets admin find that change in the audit log: which field, without its value', async () => {
    await logIn(page, e.baseUrl, 'admin');
    await findChange();
    await page.getByText('修改前后的值仅审计管理员可见').waitFor();
    expect(await page.getByText(note).count()).toBe(0);
    await page.screenshot({ path: 'test-results/e2e-audit.png', fullPage: true });
  });

  it('lets the audit administrator read the changed value', async () => {
    await logOut(/系统管理员/);
    await logIn(page, e.baseUrl, 'shenji');
    await findChange();
    await page.getByText(note).waitFor();
    await page.screenshot({ path: 'test-results/e2e-audit-full.png', fullPage: true });
  });
});
