import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('configuration', () => {
  it('takes the contact interval of each risk level from LINLI_RISK_CONTACT_DAYS, with the defaults when unset', () => {
    expect(loadConfig({} as NodeJS.ProcessEnv).riskContactDays).toEqual({ high: 7, medium: 14, low: 30 });
    expect(loadConfig({ LINLI_RISK_CONTACT_DAYS: 'high:3, medium:10, low:60' } as NodeJS.ProcessEnv).riskContactDays).toEqual({ high: 3, medium: 10, low: 60 });
  });

  it('refuses to start with a missing or impossible interval, naming the variable', () => {
    expect(() => loadConfig({ LINLI_RISK_CONTACT_DAYS: 'high:7,medium:14' } as NodeJS.ProcessEnv)).toThrow(/LINLI_RISK_CONTACT_DAYS/);
    expect(() => loadConfig({ LINLI_RISK_CONTACT_DAYS: 'high:0,medium:14,low:30' } as NodeJS.ProcessEnv)).toThrow(/LINLI_RISK_CONTACT_DAYS/);
  });
});
