import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('configuration', () => {
  it('works on a fresh machine with no environment, and reads minutes as milliseconds', () => {
    const c = loadConfig({} as NodeJS.ProcessEnv);
    expect(c).toMatchObject({ port: 3000, host: '127.0.0.1', demo: true, sessionIdleMs: 30 * 60_000, loginMaxFailures: 5 });
    expect(loadConfig({ PORT: '3100', LINLI_SESSION_IDLE_MINUTES: '10', LINLI_DEMO: 'no' } as NodeJS.ProcessEnv)).toMatchObject({ port: 3100, sessionIdleMs: 600_000, demo: false });
  });

  it('refuses to start with an impossible value, naming the variable', () => {
    expect(() => loadConfig({ PORT: 'abc' } as NodeJS.ProcessEnv)).toThrow(/PORT/);
    expect(() => loadConfig({ LINLI_SESSION_IDLE_MINUTES: '0' } as NodeJS.ProcessEnv)).toThrow(/LINLI_SESSION_IDLE_MINUTES/);
  });
});
