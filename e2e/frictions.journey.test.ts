import { sql } from 'drizzle-orm';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, chinaToday } from '../common/dates';
import { insertCase } from '../server/db/seed/case.builders';
import { caseAssessments } from '../server/modules/assessments/assessments.table';
import { casePlans, caseTasks, caseGoals } from '../server/modules/cases/cases.table';
import { caseReferrals } from '../server/modules/referrals/referrals.table';
import { chromiumMissing, logIn, startE2E, type E2E } from './harness';

// Frictions a new 社工站 met (issue 8 §4), seen in a browser whose clock is not on Beijing time:
// times and "today" in Beijing time, a directory organisation's answer recorded on its behalf and
// the 转介单 printed, 我的待办's 逾期 N 天, the printed plan as it ended, a plan started from the
// assessment, and the 接案信息 panel's long fields on rows of their own.
describe.skipIf(chromiumMissing())('browser checks: the smaller frictions of going live', () => {
  let e: E2E;
  let user: Record<string, string>;
  let residents: string[];
  let nextResident = 0;
  const today = chinaToday();

  /** A New York browser (12–13 hours behind Beijing), logged in as one user. */
  const as = async (username: string, setup?: (ctx: BrowserContext) => Promise<void>): Promise<Page> => {
    const ctx = await e.browser.newContext({ viewport: { width: 1366, height: 900 }, reducedMotion: 'reduce', timezoneId: 'America/New_York' });
    await setup?.(ctx);
    const page = await ctx.newPage();
    await logIn(page, e.baseUrl, username);
    return page;
  };
  /** An active case of shegong1 (曙光社区) for one adult resident, supervised by dudao. */
  const newCase = async (status = 'active') =>
    insertCase(e.db, { residentId: residents[nextResident++], leadUserId: user.shegong1, supervisorUserId: user.dudao, status: status as 'active' });

  beforeAll(async () => {
    e = await startE2E();
    user = Object.fromEntries((await e.db.execute<{ id: string; username: string }>(sql`select id, username from users`)).rows.map((r) => [r.username, r.id]));
    residents = (await e.db.execute<{ id: string }>(sql`select r.id from residents r join org_units o on o.id = r.community_id
      where o.name = '曙光社区' and r.archived_at is null and r.birth_date < current_date - interval '30 years'
        and not exists (select 1 from cases c where c.resident_id = r.id) order by r.id limit 10`)).rows.map((r) => r.id);
  });
  afterAll(async () => e?.close());

  it('shows a known moment in Beijing time and starts date pickers on the Beijing date', async () => {
    const c = await newCase();
    const [resource] = (await e.db.execute<{ id: string; name: string }>(sql`select id, name from resources where archived_at is null order by name limit 1`)).rows;
    // 23:30 UTC on 1 March is 07:30 on 2 March in Beijing (and 18:30 on 1 March in New York).
    await e.db.insert(caseReferrals).values({
      caseId: c.id, direction: 'out', targetResourceId: resource.id, reason: '时间显示检查', consentBasis: 'consent', status: 'sent',
      sentAt: new Date('2026-03-01T23:30:00Z'), feedbackDue: '2026-03-15', createdBy: user.shegong1,
    });
    // The browser's clock at 09:00 Beijing time today: still yesterday in New York.
    const page = await as('shegong1', (ctx) => ctx.clock.setFixedTime(new Date(`${today}T09:00:00+08:00`)));
    expect(await page.evaluate(() => new Date().getDate())).toBe(Number(addDays(today, -1).slice(8)));
    await page.goto(`${e.baseUrl}/cases/${c.id}?tab=referrals`);
    await page.getByRole('cell', { name: '2026-03-02' }).waitFor();
    await page.getByRole('button', { name: /查\s*看/ }).click();
    await page.locator('.ant-drawer').getByText('2026-03-02 07:30 由 社工 王芳 转介').waitFor();

    await page.goto(`${e.baseUrl}/cases/new`);
    const intakeDate = page.getByLabel('接案日期');
    await intakeDate.waitFor();
    expect(await intakeDate.inputValue()).toBe(today);
    // The picker's own "today" is the Beijing date too.
    await intakeDate.click();
    await page.locator('.ant-picker-dropdown:visible .ant-picker-cell-today').waitFor();
    expect(await page.locator('.ant-picker-dropdown:visible .ant-picker-cell-today').getAttribute('title')).toBe(today);

    // A referral in is dated today by default: the Beijing date, not the browser's.
    await page.goto(`${e.baseUrl}/referrals`);
    await page.getByRole('button', { name: '登记转入' }).click();
    const sentOn = page.locator('.ant-modal-wrap:visible').getByLabel('转介日期');
    await sentOn.waitFor();
    expect(await sentOn.inputValue()).toBe(today);
    await page.context().close();
  });

  it('lets the sender record a directory organisation’s answer on its behalf and print the 转介单 with its 回执', async () => {
    const c = await newCase();
    const [resource] = (await e.db.execute<{ id: string; name: string }>(sql`select id, name from resources where archived_at is null and phone is not null order by name limit 1`)).rows;
    await e.db.insert(caseReferrals).values({
      caseId: c.id, direction: 'out', targetResourceId: resource.id, reason: '需要专业心理评估与咨询', servicesRequested: '心理咨询 6 次', consentBasis: 'consent',
      status: 'sent', feedbackDue: addDays(today, 14), createdBy: user.shegong1,
    });
    const page = await as('shegong1');
    await page.goto(`${e.baseUrl}/cases/${c.id}?tab=referrals`);
    await page.getByRole('button', { name: '代对方登记：已接收' }).click();
    const dialog = page.locator('.ant-modal-wrap:visible');
    await dialog.getByText(`代 ${resource.name} 登记：已接收`).waitFor();
    await dialog.getByLabel('对方的答复').fill('电话确认接收，下周一首次面谈');
    await dialog.getByRole('button', { name: '代对方登记：已接收' }).click();
    await page.getByText('已代对方登记：已接收').waitFor();
    await page.getByRole('button', { name: /查\s*看/ }).click();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByText(/已接收（社工 王芳 代对方登记）/).waitFor();

    const [print] = await Promise.all([page.context().waitForEvent('page'), drawer.getByRole('button', { name: '打印转介单' }).click()]);
    const sheet = print.locator('.referral-form');
    await sheet.getByText('转 介 单').waitFor();
    for (const text of [resource.name, '需要专业心理评估与咨询', '心理咨询 6 次', '本人同意', '转介回执', '接收单位（盖章）', '转出单位（盖章）']) {
      await sheet.getByText(text).first().waitFor();
    }
    await print.emulateMedia({ media: 'print' });
    await print.screenshot({ path: 'test-results/e2e-referral-form.png', fullPage: true });
    await page.context().close();
  });

  it('says 逾期 N 天 in 我的待办 for every overdue item, contact gaps included, the most overdue first', async () => {
    const [{ days }] = (await e.db.execute<{ days: number }>(sql`select contact_days as days from risk_levels where code = 'medium'`)).rows;
    const c = await insertCase(e.db, {
      residentId: residents[nextResident++], leadUserId: user.shegong1, supervisorUserId: user.dudao, status: 'active', riskLevel: 'medium', intakeDate: addDays(today, -(days + 700)),
    });
    const [plan] = await e.db.insert(casePlans).values({ caseId: c.id, status: 'approved', createdBy: user.shegong1 }).returning();
    await e.db.insert(caseTasks).values([
      { caseId: c.id, planId: plan.id, position: 0, title: '浏览器检查：逾期五天的任务', ownerUserId: user.shegong1, dueDate: addDays(today, -5) },
      { caseId: c.id, planId: plan.id, position: 1, title: '浏览器检查：逾期九百天的任务', ownerUserId: user.shegong1, dueDate: addDays(today, -900) },
    ]);
    const page = await as('shegong1');
    await page.goto(`${e.baseUrl}/todo`);
    const overdue = page.locator('.ant-card').filter({ has: page.locator('.ant-card-head', { hasText: '已逾期' }) });
    await overdue.locator('a', { hasText: '浏览器检查：逾期九百天的任务' }).getByText('逾期 900 天').waitFor();
    // The longest overdue heads the list.
    expect(await overdue.locator('a').first().textContent()).toContain('逾期 900 天');
    const more = overdue.getByRole('button', { name: /显示其余/ });
    if (await more.count()) await more.click();
    await overdue.locator('a', { hasText: '浏览器检查：逾期五天的任务' }).getByText('逾期 5 天').waitFor();
    // No contact for longer than the risk level allows: late since the day contact was due.
    await overdue.locator('a', { hasText: c.caseNo }).filter({ hasText: '超过规定时间未联系' }).getByText('逾期 700 天').waitFor();
    const late = (await overdue.locator('a').allTextContents()).map((x) => Number(/逾期 (\d+) 天/.exec(x)?.[1] ?? -1));
    expect(late).toEqual([...late].sort((a, b) => b - a));
    await page.context().close();
  });

  it('prints each approved plan version with its tasks as they ended', async () => {
    const c = await newCase();
    const [v1, v2] = await e.db.insert(casePlans).values([
      { caseId: c.id, version: 1, status: 'approved', reviewedAt: new Date(`${addDays(today, -60)}T10:00:00+08:00`), reviewedBy: user.dudao, createdBy: user.shegong1 },
      { caseId: c.id, version: 2, status: 'approved', reviewedAt: new Date(`${addDays(today, -20)}T10:00:00+08:00`), reviewedBy: user.dudao, createdBy: user.shegong1 },
    ]).returning();
    await e.db.insert(caseGoals).values([
      { caseId: c.id, planId: v1.id, title: '恢复独立外出', indicator: '每周外出次数' },
      { caseId: c.id, planId: v2.id, title: '恢复独立外出', indicator: '每周外出次数' },
    ]);
    const doneOn = addDays(today, -40);
    await e.db.insert(caseTasks).values([
      { caseId: c.id, planId: v1.id, position: 0, title: '陪同熟悉菜场路线', status: 'done', doneAt: new Date(`${doneOn}T15:00:00+08:00`) },
      { caseId: c.id, planId: v1.id, position: 1, title: '联系楼组长结对', status: 'open' },
      { caseId: c.id, planId: v1.id, position: 2, title: '申请助行器', status: 'cancelled' },
      { caseId: c.id, planId: v2.id, position: 0, title: '参加社区长者活动', status: 'open' },
    ]);
    const page = await as('shegong1');
    await page.goto(`${e.baseUrl}/cases/${c.id}/print`);
    const first = page.locator('.plan-version').nth(0);
    await first.getByText(/第 1 版：已批准.*由第 2 版取代/).waitFor();
    const row = (v: typeof first, task: string) => v.locator('tr', { hasText: task });
    await row(first, '陪同熟悉菜场路线').getByText('已完成').waitFor();
    expect(await row(first, '陪同熟悉菜场路线').textContent()).toContain(doneOn);
    await row(first, '联系楼组长结对').getByText('未完成').waitFor();
    await row(first, '申请助行器').getByText('已取消').waitFor();
    await row(page.locator('.plan-version').nth(1), '参加社区长者活动').getByText('进行中').waitFor();
    await page.context().close();
  });

  it('starts a new plan from the assessment’s problems and shows its summary instead of asking for it', async () => {
    const c = await newCase('planning');
    const [general] = (await e.db.execute<{ id: string }>(sql`select id from assessment_instruments where code = 'general' and active`)).rows;
    await e.db.insert(caseAssessments).values({
      caseId: c.id, instrumentId: general.id, assessedOn: addDays(today, -3), result: { sections: [], level: null }, assessorIds: [user.shegong1], createdBy: user.shegong1,
      summary: '浏览器检查：独居，跌倒后不敢出门。',
      answers: { problem_list: [{ problem: '跌倒后不敢出门', priority: 'high', strategy: '陪同外出' }, { problem: '与子女联系少', priority: 'medium' }] },
    });
    const page = await as('shegong1');
    await page.goto(`${e.baseUrl}/cases/${c.id}?tab=plan`);
    await page.getByRole('button', { name: '制定服务计划' }).first().click();
    await page.getByText('浏览器检查：独居，跌倒后不敢出门。').waitFor();
    const titles = page.getByLabel('目标', { exact: true });
    await titles.first().waitFor();
    expect(await titles.count()).toBe(2);
    expect([await titles.nth(0).inputValue(), await titles.nth(1).inputValue()]).toEqual(['跌倒后不敢出门', '与子女联系少']);
    expect(await page.getByLabel('介入策略与方法').inputValue()).toBe('跌倒后不敢出门：陪同外出');
    await page.screenshot({ path: 'test-results/e2e-plan-from-assessment.png', fullPage: true });
    await page.context().close();
  });

  it('keeps the 接案信息 panel’s long fields on rows of their own', async () => {
    const c = await newCase();
    await e.db.execute(sql`update cases set source = 'referral_in', referral_source_note = '街道司法所转介，附社区矫正对象家属的求助信；家属希望社工协助处理子女入学与就业问题',
      decision = null,
      presenting_problem = ${'服务对象长期失业，家庭经济困难，与配偶关系紧张；子女面临入学问题。'.repeat(3)} where id = ${c.id}`);
    const page = await as('shegong1');
    await page.goto(`${e.baseUrl}/cases/${c.id}`);
    const card = page.locator('.ant-card', { has: page.getByText('接案信息', { exact: true }) });
    await card.getByText('街道司法所转介').waitFor();
    const width = async (label: string) => (await card.locator('.ant-descriptions-item', { hasText: label }).last().boundingBox())!.width;
    const cardWidth = (await card.locator('.ant-card-body').boundingBox())!.width;
    expect(await width('主要问题与需求')).toBeGreaterThan(cardWidth * 0.9);
    expect(await width('来源说明')).toBeGreaterThan(cardWidth * 0.9);
    await page.context().close();
  });
});
