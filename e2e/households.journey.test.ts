import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityRow } from '../server/db/seed/builders';
import { residents } from '../server/modules/residents/residents.table';
import { chromiumMissing, logIn, pickOption, startE2E, type E2E } from './harness';

// 按地址生成家庭: two residents registered at one flat, written two ways, become one household with
// the head and relation the worker chose.
describe.skipIf(chromiumMissing())('browser journey: households from addresses', () => {
  let e: E2E;
  let page: Page;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    e = await startE2E();
    const { rows } = await e.db.execute<{ id: string }>(sql`select id from org_units where name = '曙光社区'`);
    for (const [name, sex, birthDate, address] of [
      ['钱文斌', 'male', '1961-04-02', { neighborhood: '曙光花园', building: '28', unit: '1', room: '602' }],
      ['孙美玉', 'female', '1963-09-15', { addressDetail: '曙光花园28号楼1单元602室' }],
    ] as const) {
      const [r] = await e.db.insert(residents).values({ ...identityRow(name, null, null), communityId: rows[0].id, sex, birthDate, ...address }).returning({ id: residents.id });
      ids[name] = r.id;
    }
    page = await e.newPage();
  });
  afterAll(async () => e?.close());

  it('lets shegong1 check the proposed household, make 孙美玉 the head and create it', async () => {
    await logIn(page, e.baseUrl, 'shegong1');
    await page.goto(`${e.baseUrl}/households`);
    await page.getByRole('link', { name: /按地址生成家庭/ }).click();
    const card = page.locator('.ant-card', { hasText: '钱文斌' });
    await card.getByText('孙美玉').waitFor();
    // antd draws the choice itself: wait for what it shows (钱文斌 no longer head, so asked his relation).
    await card.getByRole('radio').nth(1).click();
    await page.getByLabel('钱文斌 与户主关系', { exact: true }).waitFor();
    await pickOption(page, '钱文斌 与户主关系', '配偶');
    await card.getByRole('checkbox').click();
    await page.getByRole('button', { name: /生成所选家庭（1 户）/ }).click();
    await page.getByRole('button', { name: /^生\s*成$/ }).click();
    await page.getByText('已生成 1 户家庭').waitFor();
    await card.waitFor({ state: 'detached' });
    await page.screenshot({ path: 'test-results/e2e-households-from-addresses.png', fullPage: true });
    const { rows } = await e.db.execute<{ name: string; relation: string; head: boolean }>(sql`
      select r.name, r.relation_to_head as relation, h.head_resident_id = r.id as head
        from residents r join households h on h.id = r.household_id where r.id in (${ids['钱文斌']}, ${ids['孙美玉']}) order by r.name`);
    expect(rows).toEqual([
      { name: '孙美玉', relation: 'head', head: true },
      { name: '钱文斌', relation: 'spouse', head: false },
    ]);
  });
});
