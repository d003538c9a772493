import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeFindings, chromiumMissing, logIn, settled, startE2E, type E2E } from './harness';

// GB/T 37668—2019 and WCAG 2.1 AA over the main pages, for the roles that use them, on a desk screen
// and a phone: axe-core must find nothing (contrast, names, labels, nesting …). A page is checked
// once it shows its data; tabs of the case page are checked one by one.
describe.skipIf(chromiumMissing())('accessibility of the main pages (axe-core, WCAG 2.1 AA)', () => {
  let e: E2E;

  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(async () => e?.close());

  /** What axe finds on `path` once it has loaded, keyed by page for a readable failure. */
  async function check(page: Page, name: string, findings: Record<string, unknown>) {
    await settled(page);
    const found = await axeFindings(page);
    if (found.length) findings[name] = found.map((f) => `${f.rule} (${f.impact}): ${f.help} — ${f.targets.slice(0, 5).join(' | ')}`);
  }

  async function tour(username: string, paths: string[], viewport?: { width: number; height: number }) {
    const page = await e.newPage(viewport);
    await logIn(page, e.baseUrl, username);
    const findings: Record<string, unknown> = {};
    for (const path of paths) {
      await page.goto(`${e.baseUrl}${path}`);
      await page.locator('.app-header').waitFor();
      await check(page, path, findings);
    }
    return { page, findings };
  }

  it('finds nothing on the login page, with and without field errors, on a phone', async () => {
    const page = await e.newPage({ width: 390, height: 844 });
    await page.goto(`${e.baseUrl}/`);
    await page.getByLabel(/用户名/).waitFor();
    const findings: Record<string, unknown> = {};
    await check(page, 'login', findings);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.locator('.ant-form-item-explain-error').first().waitFor();
    await check(page, 'login with errors', findings);
    expect(findings).toEqual({});
  });

  it('finds nothing on a social worker’s work pages', async () => {
    const { findings } = await tour('shegong1', ['/', '/todo', '/residents', '/households', '/cases']);
    expect(findings).toEqual({});
  });

  it('finds nothing on a social worker’s forms and directories', async () => {
    const { findings } = await tour('shegong1', ['/residents/new', '/residents/import', '/households/from-addresses', '/cases/new', '/referrals', '/resources', '/account']);
    expect(findings).toEqual({});
  });

  it('finds nothing on a resident’s page', async () => {
    const { page, findings } = await tour('shegong1', ['/residents']);
    const link = page.locator('.ant-table-row a').first();
    const name = (await link.innerText()).trim();
    await link.click();
    await page.getByRole('heading', { name }).waitFor();
    await check(page, 'a resident', findings);
    expect(findings).toEqual({});
  });

  it('finds nothing on any tab of a case in service', async () => {
    const { page, findings } = await tour('shegong1', ['/cases?status=active']);
    await page.locator('.ant-table-row a').first().click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}/);
    const tabs = page.getByRole('tab');
    await tabs.first().waitFor();
    for (let i = 0; i < (await tabs.count()); i++) {
      const tab = tabs.nth(i);
      await tab.click();
      await tab.and(page.locator('[aria-selected="true"]')).waitFor();
      await check(page, `case tab ${(await tab.innerText()).split('\n')[0]}`, findings);
    }
    expect(findings).toEqual({});
  });

  it('finds nothing on the supervisor’s and the street manager’s pages', async () => {
    const findings = { ...(await tour('dudao', ['/', '/todo', '/cases'])).findings, ...(await tour('jiedao', ['/', '/cases'])).findings };
    expect(findings).toEqual({});
  });

  it('finds nothing on the administrators’ pages', async () => {
    const findings = {
      ...(await tour('admin', ['/admin/orgs', '/admin/users', '/admin/audit', '/admin/risk-levels'])).findings,
      ...Object.fromEntries(Object.entries((await tour('shenji', ['/admin/audit'])).findings).map(([k, v]) => [`shenji ${k}`, v])),
    };
    expect(findings).toEqual({});
  });

  it('finds nothing on a phone', async () => {
    const { findings } = await tour('shegong1', ['/', '/todo', '/residents', '/cases'], { width: 390, height: 844 });
    expect(findings).toEqual({});
  });
});
