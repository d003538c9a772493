import { Secret, TOTP } from 'otpauth';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, logIn, startE2E, type E2E } from './harness';

const PASSWORD = 'Linli2024pass';
const codeOf = (secret: string, steps = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: Date.now() + steps * 30_000 });

// A new supervisor's first day: the administrator's one-time code, their own password (asked once),
// the second factor their role needs (QR code, first code, recovery codes), then a login with a code.
describe.skipIf(chromiumMissing())('browser journey: a supervisor’s first login and second factor', () => {
  let e: E2E;
  let page: Page;
  let oneTimeCode: string;
  let secret: string;
  let recoveryCodes: string[];

  beforeAll(async () => {
    e = await startE2E();
    page = await e.newPage();
    await logIn(page, e.baseUrl, 'admin');
    oneTimeCode = await page.evaluate(async () => {
      const { data } = (await (await fetch('/api/auth/me')).json()) as { data: { csrfToken: string } };
      const res = await fetch('/api/users', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': data.csrfToken },
        body: JSON.stringify({ username: 'dudao2', displayName: '督导 新同事', role: 'supervisor' }),
      });
      return ((await res.json()) as { oneTimeCode: string }).oneTimeCode;
    });
    await page.locator('.user-button').click();
    await page.getByText('退出登录').click();
    await page.getByText('已退出登录').waitFor();
  });
  afterAll(async () => e?.close());

  it('asks only for the new password after signing in with the one-time code', async () => {
    await page.getByLabel(/用户名/).fill('dudao2');
    await page.getByLabel(/^密码/).fill(oneTimeCode);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByText('设置新密码').waitFor();
    expect(await page.getByLabel('当前密码').count()).toBe(0);
    await page.getByLabel('新密码', { exact: true }).fill(PASSWORD);
    await page.getByLabel('再次输入新密码').fill(PASSWORD);
    await page.getByRole('button', { name: /保\s*存/ }).click();
  });

  it('leads the supervisor to enrol a second factor with a QR code, then shows ten recovery codes', async () => {
    await page.getByText('完成设置后才能继续使用系统').waitFor();
    await page.getByRole('button', { name: /开始设置/ }).click();
    const shown = page.locator('.totp-secret');
    await shown.waitFor();
    expect(await page.locator('.ant-qrcode').count()).toBe(1);
    secret = (await shown.innerText()).replace(/\s/g, '');
    await page.getByLabel('6 位验证码').fill(codeOf(secret));
    await page.getByRole('button', { name: /完成设置/ }).click();
    await page.locator('.recovery-codes').waitFor();
    recoveryCodes = await page.locator('.recovery-codes code').allInnerTexts();
    expect(recoveryCodes).toHaveLength(10);
    await page.getByRole('button', { name: /我已保存/ }).click();
    await page.locator('.app-header').waitFor();
    await page.goto(`${e.baseUrl}/account`);
    await page.getByText('剩余恢复码 10 个').waitFor();
  });

  it('asks for the code after the password, and signs in with it', async () => {
    await page.locator('.user-button').click();
    await page.getByText('退出登录').click();
    await page.getByLabel(/用户名/).fill('dudao2');
    await page.getByLabel(/^密码/).fill(PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByLabel('验证码').fill('000000');
    await page.getByRole('button', { name: /验证并登录/ }).click();
    await page.getByText('验证码不正确或已使用过').waitFor();
    await page.getByLabel('验证码').fill(codeOf(secret, 1));
    await page.getByRole('button', { name: /验证并登录/ }).click();
    await page.locator('.app-header').waitFor();
  });

  it('signs in with a recovery code on a phone', async () => {
    const phone = await e.newPage({ width: 390, height: 844 });
    await phone.goto(`${e.baseUrl}/`);
    await phone.getByLabel(/用户名/).fill('dudao2');
    await phone.getByLabel(/^密码/).fill(PASSWORD);
    await phone.getByRole('button', { name: /登\s*录/ }).click();
    await phone.getByText('使用恢复码').click();
    await phone.getByLabel('恢复码').fill(recoveryCodes[0]);
    await phone.screenshot({ path: 'test-results/e2e-login-recovery-390.png' });
    await phone.getByRole('button', { name: /验证并登录/ }).click();
    await phone.locator('.app-header').waitFor();
  });
});
