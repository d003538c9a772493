import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allAuditActions, summaryAuditActions } from '../../../common/codes/audit.codes';

const SERVER = path.resolve(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.includes('testkit') ? [p] : [];
  });
}

describe('audit action classification', () => {
  it('lists every action the server writes, so none reaches the administrator unclassified or escapes the filter', () => {
    const known = new Set(allAuditActions());
    const written = new Set<string>();
    for (const file of sources(SERVER)) {
      for (const m of fs.readFileSync(file, 'utf8').matchAll(/\baction: '([a-z_]+\.[a-z_]+)'/g)) written.add(m[1]);
    }
    expect(written.size).toBeGreaterThan(40);
    expect([...written].filter((a) => !known.has(a))).toEqual([]);
  });

  it('gives every classified action a label in both languages', async () => {
    type Texts = Record<'zh' | 'en', Record<string, unknown>>;
    // Loaded by path at run time: the web's i18n types need the DOM, which the server's typecheck has not.
    const web = path.resolve(SERVER, '../web/src/modules');
    const { auditText } = (await import(path.join(web, 'audit/audit.i18n.ts'))) as { auditText: Texts };
    const { casesText } = (await import(path.join(web, 'cases/cases.i18n.ts'))) as { casesText: Texts };
    for (const lang of ['zh', 'en'] as const) {
      const labels = auditText[lang].action as Record<string, Record<string, string>>;
      const caseSteps = (casesText[lang].history as { actions: Record<string, string> }).actions;
      const missing = allAuditActions().filter((a) => {
        const [module, step] = a.split('.');
        return !labels[module]?.[step] && !(module === 'cases' && caseSteps[step]);
      });
      expect(missing, lang).toEqual([]);
    }
  });

  it('keeps the actions that only exist for restricted people out of the administrator’s view', () => {
    const summary = summaryAuditActions();
    expect(summary).not.toContain('cases.view_restricted');
    expect(summary).not.toContain('residents.view_restricted');
    expect(summary.filter((a) => a.startsWith('safeguarding.'))).toEqual([]);
    expect(summary).toContain('residents.update');
    expect(summary).toContain('audit.read_detail');
  });
});
