import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, logIn, pickOption, startE2E, type E2E } from './harness';

// 系统设置 → 风险等级: the administrator adds a more urgent level in front of the others; a social
// worker then finds it among the choices of a new intake, while intakes still start at the calmest.
describe.skipIf(chromiumMissing())('browser journey: configuring risk levels', () => {
  let e: E2E;

  /** A page of its own (its own cookies) for one user, logged in. */
  const as = async (username: string): Promise<Page> => {
    const page = await e.newPage();
    await logIn(page, e.baseUrl, username);
    return page;
  };

  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(async () => e?.close());

  it('lets admin add 红色预警 as the most urgent level and save it', async () => {
    const page = await as('admin');
    await page.getByRole('link', { name: '风险等级' }).click();
    await page.getByRole('heading', { name: '风险等级' }).waitFor();
    const names = page.getByLabel(/^中文名称 第 \d+ 级$/);
    await names.first().waitFor();
    const before = await names.count();
    const n = before + 1;

    await page.getByRole('button', { name: '新增等级' }).click();
    await page.getByLabel(`代码 第 ${n} 级`).fill('red');
    await page.getByLabel(`中文名称 第 ${n} 级`).fill('红色预警');
    await page.getByLabel(`英文名称 第 ${n} 级`).fill('Red alert');
    await page.getByLabel(`最长未联系天数 第 ${n} 级`).fill('3');
    await pickOption(page, `颜色 第 ${n} 级`, '红');
    // Up to the top, one place at a time. After each step the pointer rests on the row that came
    // down, and its hint opens (as on a busy machine, where the next click comes late): the hint
    // must leave the next 上移 free.
    for (let k = n; k > 1; k--) {
      await page.getByRole('button', { name: `上移 第 ${k} 级` }).click();
      if (k > 2) await page.getByRole('tooltip', { name: '上移' }).waitFor();
    }
    expect(await page.getByLabel('代码 第 1 级').inputValue()).toBe('red');
    expect(await page.getByLabel('中文名称 第 1 级').inputValue()).toBe('红色预警');

    await page.getByRole('button', { name: /保\s*存/ }).click();
    const refused = page.locator('.ant-form-item-explain-error, .ant-message-error').first();
    await Promise.race([page.getByText('风险等级已保存').waitFor({ timeout: 30_000 }), refused.waitFor({ timeout: 30_000 })]);
    if (await refused.isVisible()) throw new Error(`save refused: ${await refused.textContent()}`);
    // Saved, its code is fixed now (text rather than an input).
    await page.getByText('red', { exact: true }).waitFor();

    const { rows } = await e.db.execute<{ code: string; contact_days: number; color: string; active: boolean }>(
      sql`select code, contact_days, color, active from risk_levels order by position`,
    );
    expect(rows).toHaveLength(before + 1);
    expect(rows[0]).toMatchObject({ code: 'red', contact_days: 3, color: 'red', active: true });

    // The audit log names the change.
    await page.goto(`${e.baseUrl}/admin/audit?action=settings.risk_levels`);
    await page.locator('td', { hasText: '修改风险等级' }).first().waitFor();
    await page.context().close();
  });

  it('offers 红色预警 to shegong1 on a new intake, which still starts at the calmest level', async () => {
    const page = await as('shegong1');
    await page.goto(`${e.baseUrl}/cases/new`);
    await page.getByRole('heading', { name: '接案登记' }).waitFor();
    const red = page.getByRole('radio', { name: '红色预警' });
    await red.waitFor({ state: 'attached' });
    await page.locator('label.ant-radio-button-wrapper-checked', { hasText: '低风险' }).waitFor();
    expect(await red.isChecked()).toBe(false);
    await page.locator('label', { hasText: '红色预警' }).click();
    await page.getByText('红色预警：每 3 天内至少联系一次').waitFor();
    await page.context().close();
  });
});
