import { Grid, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { TIE_KINDS, TIE_QUALITIES } from '../../../../common/codes/case.codes';
import type { ComparedField, EcomapTie, TieDiff } from '../../../../common/schemas/networks.schema';
import { codeLabel } from '../../lib/i18n';
import { CompactList } from '../households/CompactList';
import { CHANGE_COLORS, TIE_COLORS } from './EcomapDiagram';

const QUALITY_TAG = { supportive: 'green', stressful: 'red', mixed: 'orange' } as Record<string, string>;

export function QualityTag({ quality }: { quality: string }) {
  return (
    <Tag color={QUALITY_TAG[quality]} style={{ marginInlineEnd: 0 }}>
      {codeLabel(TIE_QUALITIES, quality)}
    </Tag>
  );
}

/** ●●○ for strength 2 of 3, with the word for screen readers. */
export function StrengthDots({ value }: { value: number }) {
  const { t } = useTranslation();
  return (
    <span title={t(`networks.strength.${value}`)} aria-label={t('networks.strengthValue', { value: t(`networks.strength.${value}`) })} style={{ letterSpacing: 2, color: '#0f766e' }}>
      {'●'.repeat(value)}
      <span style={{ color: '#cbd5e1' }}>{'●'.repeat(3 - value)}</span>
    </span>
  );
}

/** The ties of one snapshot as a table (a list on phones): everything the drawing abbreviates. */
export function EcomapTieTable({ ties }: { ties: EcomapTie[] }) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const columns: TableColumnsType<EcomapTie> = [
    { title: t('networks.field.name'), dataIndex: 'name', render: (v: string, x) => <><Typography.Text strong>{v}</Typography.Text>{x.relation && <Typography.Text type="secondary">（{x.relation}）</Typography.Text>}</> },
    { title: t('networks.field.kind'), dataIndex: 'kind', width: 110, render: (v: string, x) => <>{codeLabel(TIE_KINDS, v)}<br /><Typography.Text type="secondary" style={{ fontSize: 12 }}>{x.formal ? t('networks.formal') : t('networks.informal')}</Typography.Text></> },
    { title: t('networks.field.quality'), dataIndex: 'quality', width: 120, render: (v: string) => <QualityTag quality={v} /> },
    { title: t('networks.field.strength'), dataIndex: 'strength', width: 70, render: (v: number) => <StrengthDots value={v} /> },
    { title: t('networks.field.contact'), dataIndex: 'contact', render: (v: string | null, x) => [v, x.note].filter(Boolean).join('；') || '—' },
  ];
  if (!ties.length) return <Typography.Text type="secondary">{t('networks.noTies')}</Typography.Text>;
  if (!screens.md) {
    return (
      <CompactList
        items={ties}
        rowKey={(x) => x.name}
        empty={null}
        render={(x) => (
          <div>
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
              <Typography.Text strong>{x.name}</Typography.Text>
              <QualityTag quality={x.quality} />
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {[x.relation, codeLabel(TIE_KINDS, x.kind), x.formal ? t('networks.formal') : t('networks.informal'), x.contact].filter(Boolean).join(' · ')}
            </Typography.Text>
            <div><StrengthDots value={x.strength} /></div>
          </div>
        )}
      />
    );
  }
  return <Table<EcomapTie> rowKey="name" size="small" columns={columns} dataSource={ties} pagination={false} />;
}

function fieldValue(t: (k: string, o?: Record<string, unknown>) => string, f: ComparedField, tie: EcomapTie | null): string {
  if (!tie) return '—';
  switch (f) {
    case 'kind': return codeLabel(TIE_KINDS, tie.kind);
    case 'formal': return tie.formal ? t('networks.formal') : t('networks.informal');
    case 'quality': return codeLabel(TIE_QUALITIES, tie.quality);
    case 'strength': return t(`networks.strength.${tie.strength}`);
    default: return tie[f] ?? '—';
  }
}

/** Added, removed and changed ties between two snapshots, each change spelled out. */
export function EcomapChanges({ diffs }: { diffs: TieDiff[] }) {
  const { t } = useTranslation();
  const shown = diffs.filter((d) => d.change !== 'same');
  if (!shown.length) return <Typography.Text type="secondary">{t('networks.diff.none')}</Typography.Text>;
  const order = { added: 0, changed: 1, removed: 2, same: 3 };
  return (
    <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {shown.sort((a, b) => order[a.change] - order[b.change]).map((d) => (
        <li key={d.key} style={{ padding: '6px 0', borderTop: '1px solid #f0f0f0', display: 'flex', gap: 8, alignItems: 'baseline', flexWrap: 'wrap' }}>
          <Tag color={d.change === 'added' ? 'green' : d.change === 'changed' ? 'gold' : 'default'} style={{ marginInlineEnd: 0, borderColor: CHANGE_COLORS[d.change as 'added'] }}>
            {t(`networks.legend.${d.change}`)}
          </Tag>
          <Typography.Text strong delete={d.change === 'removed'}>{d.name}</Typography.Text>
          {d.change === 'added' && d.after && (
            <Typography.Text type="secondary">
              {[codeLabel(TIE_QUALITIES, d.after.quality), t(`networks.strength.${d.after.strength}`), d.after.relation].filter(Boolean).join(' · ')}
            </Typography.Text>
          )}
          {d.change === 'changed' &&
            d.fields.map((f) => (
              <Typography.Text key={f} type="secondary" style={{ fontSize: 13 }}>
                {t('networks.diff.fieldChange', { field: t(`networks.field.${f}`), from: fieldValue(t, f, d.before), to: fieldValue(t, f, d.after) })}
                {f === 'quality' && d.after && <span style={{ color: TIE_COLORS[d.after.quality as 'mixed'] }}> ●</span>}
              </Typography.Text>
            ))}
        </li>
      ))}
    </ul>
  );
}
