import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { L10n } from '../../../../common/schemas/assessments.schema';
import type { CaseRecord } from '../../../../common/schemas/cases.schema';
import { api, type Page } from '../../lib/api';
import { errorMessage } from '../../lib/feedback';
import { currentLang } from '../../lib/i18n';

/** The A4 case file: paper-like on screen, pages of A4 in print, with Chinese serif and sans fonts. */
export const PRINT_CSS = `
.case-print-screen { background: #e5e7eb; min-height: 100vh; padding: 16px 8px 48px; box-sizing: border-box; }
.case-print-bar { max-width: 210mm; margin: 0 auto 12px; display: flex; justify-content: space-between; align-items: center; gap: 8px; }
.case-print { background: #fff; width: 210mm; margin: 0 auto; padding: 16mm 16mm 20mm; box-sizing: border-box; box-shadow: 0 2px 12px rgba(0,0,0,.12);
  font-family: 'Noto Serif CJK SC', 'Source Han Serif SC', 'Songti SC', 'SimSun', serif; font-size: 10.5pt; line-height: 1.6; color: #000; }
.case-print h1 { font-family: 'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'SimHei', sans-serif; font-size: 18pt; text-align: center; margin: 0 0 4mm; letter-spacing: .2em; }
.case-print h2 { font-family: 'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'SimHei', sans-serif; font-size: 12pt; margin: 6mm 0 2mm; break-after: avoid; }
.case-print h3 { font-size: 10.5pt; margin: 3mm 0 1mm; break-after: avoid; }
.case-print .meta { display: flex; justify-content: space-between; flex-wrap: wrap; gap: 2mm 6mm; font-size: 9.5pt; border-bottom: 1.5pt solid #000; padding-bottom: 2mm; }
.case-print .secret { text-align: right; font-size: 9pt; }
.case-print table { width: 100%; border-collapse: collapse; margin: 1mm 0 2mm; table-layout: fixed; }
.case-print th, .case-print td { border: .6pt solid #000; padding: 1.2mm 2mm; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
.case-print th { background: #f3f4f6; font-weight: normal; font-family: 'Noto Sans CJK SC', 'PingFang SC', 'SimHei', sans-serif; width: 22mm; }
.case-print thead th { width: auto; }
.case-print tr { break-inside: avoid; }
.case-print .pre { white-space: pre-wrap; }
.case-print .muted { color: #555; }
.case-print .sign { display: grid; grid-template-columns: 1fr 1fr; gap: 8mm; margin-top: 12mm; break-inside: avoid; }
.case-print .sign div { border-bottom: .6pt solid #000; padding-bottom: 8mm; }
@page { size: A4; margin: 14mm 12mm 16mm; }
@media print {
  html, body { background: #fff !important; }
  .case-print-screen { background: #fff; padding: 0; min-height: 0; }
  .case-print-bar { display: none !important; }
  .case-print { width: auto; padding: 0; box-shadow: none; zoom: 1 !important; }
}
`;

export const l10n = (v: L10n | null | undefined) => (v ? (currentLang() === 'en' && v.en ? v.en : v.zh) : '');
export const text = (v: string | null | undefined) => (v ? <span className="pre">{v}</span> : <span className="muted">—</span>);

/** All of a case's records (pages of 100), oldest first as a paper file reads. */
export async function allRecords(id: string): Promise<CaseRecord[]> {
  const out: CaseRecord[] = [];
  for (let page = 1; page <= 50; page++) {
    const r = await api.get<Page<CaseRecord>>(`/api/cases/${id}/records`, { page, pageSize: 100 });
    out.push(...r.data);
    if (out.length >= r.total || !r.data.length) break;
  }
  return out.sort((a, b) => a.serviceDate.localeCompare(b.serviceDate) || a.createdAt.localeCompare(b.createdAt));
}

export function Part<T>({ query, children }: { query: { data: T | undefined; error: unknown; isPending: boolean }; children: (d: T) => ReactNode }) {
  const { t } = useTranslation();
  if (query.isPending) return <p className="muted">{t('cases.print.loadingPart')}</p>;
  if (query.error || query.data === undefined) return <p className="muted">{t('cases.print.partFailed')}（{errorMessage(query.error)}）</p>;
  return <>{children(query.data)}</>;
}

/** A label/value table two pairs a row; long texts (`full`) take a row of their own. */
export type Pair = [string, ReactNode, 'full'?];
export function Row2({ items }: { items: Pair[] }) {
  const rows: Pair[][] = [];
  let open: Pair[] = [];
  for (const p of items) {
    if (p[2] === 'full') {
      if (open.length) rows.push(open);
      rows.push([p]);
      open = [];
    } else {
      open.push(p);
      if (open.length === 2) {
        rows.push(open);
        open = [];
      }
    }
  }
  if (open.length) rows.push(open);
  return (
    <table>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i}>
            {r.map(([k, v]) => (
              <Cell key={k} k={k} v={v} span={r.length === 1 ? 3 : 1} />
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
function Cell({ k, v, span }: { k: string; v: ReactNode; span: number }) {
  return (
    <>
      <th>{k}</th>
      <td colSpan={span}>{v}</td>
    </>
  );
}

/** On a phone the A4 sheet is shown whole, scaled down like a print preview (printing is unscaled). */
export function useSheetZoom(): number {
  const fit = () => Math.min(1, (window.innerWidth - 16) / 794);
  const [zoom, setZoom] = useState(fit);
  useEffect(() => {
    const on = () => setZoom(fit());
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, []);
  return zoom;
}

