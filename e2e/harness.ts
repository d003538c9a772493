import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildApp } from '../server/app';
import type { Database } from '../server/db/client';
import { DEMO_PASSWORD } from '../server/db/seed/demo.seed';
import { testConfig } from '../server/testing/app';
import { freshDatabase } from '../server/testing/db';
import { ensureWebBuilt } from '../server/web-build';

export const CHROMIUM = '/usr/bin/chromium';

/** Browser journeys need Debian's Chromium; CI requires them (LINLI_E2E_REQUIRED=1), elsewhere they skip. */
export function chromiumMissing(): boolean {
  const missing = !fs.existsSync(CHROMIUM);
  if (missing && process.env.LINLI_E2E_REQUIRED) throw new Error(`${CHROMIUM} is missing: apt-get install chromium fonts-noto-cjk`);
  return missing;
}

export type E2E = {
  baseUrl: string;
  db: Database;
  browser: Browser;
  /** A page with cookies of its own, asking for reduced motion (the app then animates nothing, so a click lands where it aims). */
  newPage: (viewport?: { width: number; height: number }) => Promise<Page>;
  close: () => Promise<void>;
};

/** The built web app served by a real Linli on a fresh copy of the demo database, and a browser. */
export async function startE2E(): Promise<E2E> {
  await ensureWebBuilt();
  const t = await freshDatabase();
  const app: FastifyInstance = await buildApp({ db: t.db, config: testConfig() });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    db: t.db,
    browser,
    newPage: async (viewport = { width: 1366, height: 768 }) => (await browser.newContext({ viewport, reducedMotion: 'reduce' })).newPage(),
    close: async () => {
      await browser.close();
      await app.close();
      await t.drop();
    },
  };
}

/** Logs in through the login page. */
export async function logIn(page: Page, baseUrl: string, username: string, password = DEMO_PASSWORD) {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel(/用户名/).fill(username);
  await page.getByLabel(/^密码/).fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.locator('.app-header').waitFor();
}

/**
 * Chooses an option of the antd Select labelled `label` and waits until the field shows it, so a
 * click that did not take fails here, naming the field, rather than later at the form's submit.
 */
export async function pickOption(page: Page, label: string, option: string) {
  const field = page.getByLabel(label, { exact: true });
  await field.click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).click();
  await page.locator('.ant-select', { has: field }).locator(`[title="${option}"]`).waitFor({ timeout: 5_000 });
}

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** One accessibility problem axe-core found: the rule, and where. */
export type AxeFinding = { rule: string; impact: string | null; help: string; targets: string[] };

/**
 * Runs axe-core over the page as it is now, against WCAG 2.1 A and AA (what GB/T 37668—2019 asks
 * of web content), and lists what it finds. The page must already show the state to check: call it
 * after waiting for that state. axe is evaluated, not injected as a script tag, so the app's CSP
 * stays as it is in production.
 */
export async function axeFindings(page: Page): Promise<AxeFinding[]> {
  await page.evaluate(AXE_SOURCE);
  // Written as page source: the e2e code is typed for Node, without the DOM library.
  type AxeResult = { violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] };
  const r = await page.evaluate<AxeResult>(`axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })`);
  return r.violations.map((v) => ({ rule: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
}

/** Waits until the page has finished loading what it shows: no spinner, skeleton or pending request. */
export async function settled(page: Page) {
  await page.waitForLoadState('networkidle');
  // A locator, not waitForFunction: its polling evaluates strings, which the app's CSP refuses.
  await page.locator('.ant-spin-spinning, .ant-skeleton-active, .ant-btn-loading').first().waitFor({ state: 'detached' });
}
