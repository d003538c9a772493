import { sql } from 'drizzle-orm';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../server/db/seed/demo.seed';
import { chromiumMissing, logIn, startE2E, type E2E } from './harness';

// Names and labels an administrator types reach chart tooltips, which ECharts writes into the page
// as HTML: they must show as the text typed, and never run.
const NAME = '<img src=x onerror=window.__x=1>';
const LABEL = '<b>高</b>&amp;';

type Bar = { x: number; y: number };
/** What the page-side functions use of the DOM (this project's TypeScript has no DOM library outside web/). */
type Canvas = { width: number; height: number; clientWidth: number; getContext: (kind: '2d') => { getImageData: (x: number, y: number, w: number, h: number) => { data: Uint8ClampedArray } } };
type Win = { requestAnimationFrame: (f: () => void) => void; getComputedStyle: (el: unknown) => { display: string } };

/**
 * The bars of a horizontal bar chart, top to bottom, once drawn: rows of the canvas holding a run
 * of coloured pixels (grey text and grid lines are not coloured), each given by a point near its start.
 */
async function barsOf(chart: Locator): Promise<Bar[]> {
  return chart.locator('canvas').evaluate(
    (node) =>
      new Promise<Bar[]>((resolve) => {
        const el = node as unknown as Canvas;
        const scan = () => {
          const { width, height } = el;
          const px = el.getContext('2d').getImageData(0, 0, width, height).data;
          const ratio = width / el.clientWidth;
          const found: Bar[] = [];
          let run: { y0: number; y1: number; x: number } | null = null;
          for (let y = 0; y < height; y++) {
            let x0 = -1;
            for (let x = 0, n = 0; x < width; x++) {
              const i = (y * width + x) * 4;
              const coloured = px[i + 3] > 200 && Math.max(px[i], px[i + 1], px[i + 2]) - Math.min(px[i], px[i + 1], px[i + 2]) > 60;
              n = coloured ? n + 1 : 0;
              if (n === 6) {
                x0 = x - 5;
                break;
              }
            }
            if (x0 >= 0 && run) run.y1 = y;
            else if (x0 >= 0) run = { y0: y, y1: y, x: x0 };
            else if (run) {
              found.push({ x: (run.x + 3) / ratio, y: (run.y0 + run.y1) / 2 / ratio });
              run = null;
            }
          }
          // Drawn when every bar has its full height (the chart grows them in).
          if (found.length && found.every((b, i) => i === 0 || b.y - found[i - 1].y > 8)) resolve(found);
          else (globalThis as unknown as Win).requestAnimationFrame(scan);
        };
        scan();
      }),
  );
}

/** Hovers each bar of a chart until its tooltip says `text`; answers the tooltip. */
async function hoverUntil(page: Page, chart: Locator, text: string): Promise<Locator> {
  const box = (await chart.boundingBox())!;
  // ECharts appends its tooltip to the chart's element, after the canvas' own wrapper.
  const tooltip = chart.locator(':scope > div + div');
  let shown = '';
  for (const bar of await barsOf(chart)) {
    await page.mouse.move(box.x + bar.x, box.y + bar.y);
    const el = await tooltip.elementHandle();
    await page.waitForFunction(
      ({ el, before }) => {
        const node = el as unknown as { textContent: string };
        return node.textContent !== before && (globalThis as unknown as Win).getComputedStyle(node).display !== 'none';
      },
      { el, before: shown },
    );
    shown = (await tooltip.textContent()) ?? '';
    if (shown.includes(text)) return tooltip;
  }
  throw new Error(`no bar of the chart shows “${text}”; last tooltip: ${shown}`);
}

describe.skipIf(chromiumMissing())('browser journey: user text in charts', () => {
  let e: E2E;

  beforeAll(async () => {
    e = await startE2E();
    // Set by the administrator through the API, as 用户管理 and 系统设置 → 风险等级 save them.
    const login = await fetch(`${e.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }) });
    const headers = { 'content-type': 'application/json', cookie: login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '), 'x-csrf-token': ((await login.json()) as { data: { csrfToken: string } }).data.csrfToken };
    const send = async (method: string, url: string, body: unknown) => {
      const res = await fetch(`${e.baseUrl}${url}`, { method, headers, body: JSON.stringify(body) });
      if (!res.ok) throw new Error(`${method} ${url} → ${res.status} ${await res.text()}`);
    };
    const { rows } = await e.db.execute<{ id: string; version: number }>(sql`select id, version from users where username = 'shegong1'`);
    await send('PATCH', `/api/users/${rows[0].id}`, { displayName: NAME, version: rows[0].version });
    const levels = (await (await fetch(`${e.baseUrl}/api/settings/risk-levels`, { headers })).json()) as { data: { code: string; zh: string; en: string; contactDays: number; color: string; active: boolean }[]; version: string };
    await send('PUT', '/api/settings/risk-levels', {
      version: levels.version,
      levels: levels.data.map(({ code, zh, en, contactDays, color, active }) => ({ code, zh: code === 'high' ? LABEL : zh, en, contactDays, color, active })),
    });
  });
  afterAll(async () => e?.close());

  it('shows a worker name and a risk-level label in the case charts’ tooltips as typed, running nothing', async () => {
    const page = await e.newPage();
    await logIn(page, e.baseUrl, 'dudao');
    await page.goto(`${e.baseUrl}/cases`);

    const caseload = await hoverUntil(page, page.getByRole('img', { name: '社工在办个案数' }), NAME);
    expect(await caseload.textContent()).toMatch(new RegExp(`^${NAME.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}：\\d+ 个$`));
    expect(await caseload.locator('img').count()).toBe(0);

    const risk = await hoverUntil(page, page.getByRole('img', { name: '风险等级' }), LABEL);
    expect(await risk.locator('b').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as { __x?: number }).__x)).toBeUndefined();
    await page.context().close();
  });
});
