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

  it('keeps the actions that only exist for restricted people out of the administrator’s view', () => {
    const summary = summaryAuditActions();
    expect(summary).not.toContain('cases.view_restricted');
    expect(summary).not.toContain('residents.view_restricted');
    expect(summary.filter((a) => a.startsWith('safeguarding.'))).toEqual([]);
    expect(summary).toContain('residents.update');
    expect(summary).toContain('audit.read_detail');
  });
});
