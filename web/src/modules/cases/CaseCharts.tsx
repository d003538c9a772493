import { Card, Col, Empty, Row, Segmented, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { LegendComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { CASE_STATUSES, SERVICE_AREAS } from '../../../../common/codes/case.codes';
import { TAG_GROUPS } from '../../../../common/codes/tag.codes';
import { useCan } from '../../app/auth';
import { errorMessage } from '../../lib/feedback';
import { tooltipHtml } from '../../lib/html';
import { beijingToday } from '../../lib/format';
import { codeLabel } from '../../lib/i18n';
import { Chart, CHART_COLOR, type ChartOption } from '../dashboard/Chart';
import { useRiskLevels } from '../settings/settings.api';
import { useCaseStats, type CaseStats, type CaseStatsScope } from './cases.api';

// The dashboard's Chart registers bars, lines, grid and tooltip; the opened/closed chart adds a legend.
echarts.use([LegendComponent]);

const AXIS_LABEL = { color: '#475569', fontSize: 12 };
const SPLIT_LINE = { lineStyle: { color: '#eef0f2' } };
const GRID = { outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' } as const;
const OPEN = ['intake', 'assessment', 'planning', 'plan_review', 'active', 'closure_review'];

type Row = { label: string; value: number; color?: string; key?: string };
type Param = { name: string; value: number; data: { key?: string } };

/** Horizontal bars with the count at the end: Chinese category names read well this way. */
function barsOption(rows: Row[], t: (k: string, o?: Record<string, unknown>) => string): ChartOption {
  const data = [...rows].reverse();
  return {
    grid: { ...GRID, left: 4, right: 40, top: 4, bottom: 4 },
    tooltip: { trigger: 'item', confine: true, formatter: (p: Param) => tooltipHtml([t('cases.charts.tooltip', { label: p.name, count: p.value })]) },
    xAxis: { type: 'value', minInterval: 1, axisLabel: { show: false }, splitLine: SPLIT_LINE },
    yAxis: { type: 'category', data: data.map((r) => r.label), axisTick: { show: false }, axisLabel: { ...AXIS_LABEL, fontSize: 13 }, axisLine: { lineStyle: { color: '#cbd5e1' } } },
    series: [
      {
        type: 'bar',
        barMaxWidth: 18,
        label: { show: true, position: 'right', color: '#334155' },
        data: data.map((r) => ({ value: r.value, key: r.key, itemStyle: { color: r.color ?? CHART_COLOR, borderRadius: [0, 4, 4, 0] } })),
      },
    ],
  };
}

function Panel({ title, children, empty }: { title: string; children: ReactNode; empty: boolean }) {
  const { t } = useTranslation();
  return (
    <div>
      <Typography.Text strong style={{ display: 'block', marginBottom: 4 }}>
        {title}
      </Typography.Text>
      {empty ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.charts.empty')} style={{ margin: '24px 0' }} /> : children}
    </div>
  );
}

const heightFor = (n: number) => Math.max(140, n * 30 + 16);

function StatusChart({ stats }: { stats: CaseStats }) {
  const { t, i18n } = useTranslation();
  const nav = useNavigate();
  const rows = useMemo(() => {
    const m = new Map(stats.byStatus.map((s) => [s.status, s.count]));
    return OPEN.map((s) => ({ key: s, label: codeLabel(CASE_STATUSES, s), value: m.get(s) ?? 0 }));
  }, [stats, i18n.language]);
  const option = useMemo(() => barsOption(rows, t), [rows, t]);
  const onClick = (p: unknown) => {
    const key = (p as Param).data?.key;
    if (key) nav(`/cases?status=${key}&mine=all`);
  };
  return (
    <Panel title={t('cases.charts.byStatus')} empty={rows.every((r) => !r.value)}>
      <Chart option={option} height={heightFor(rows.length)} onClick={onClick} label={t('cases.charts.byStatus')} />
    </Panel>
  );
}

function RiskChart({ stats }: { stats: CaseStats }) {
  const { t } = useTranslation();
  const { levels, label, hex } = useRiskLevels();
  // The configured levels in their order and colours (deactivated ones only when cases still have them).
  const rows = useMemo(() => {
    const m = new Map(stats.byRisk.map((s) => [s.riskLevel, s.count]));
    const known = levels.filter((l) => l.active || m.get(l.code)).map((l) => l.code);
    const others = stats.byRisk.filter((s) => s.count && !levels.some((l) => l.code === s.riskLevel)).map((s) => s.riskLevel);
    return [...known, ...others].map((code) => ({ key: code, label: label(code), value: m.get(code) ?? 0, color: hex(code) }));
  }, [stats, levels, label, hex]);
  const option = useMemo(() => barsOption(rows, t), [rows, t]);
  return (
    <Panel title={t('cases.charts.byRisk')} empty={rows.every((r) => !r.value)}>
      <Chart option={option} height={heightFor(rows.length)} label={t('cases.charts.byRisk')} />
    </Panel>
  );
}

function CaseloadChart({ stats }: { stats: CaseStats }) {
  const { t } = useTranslation();
  const rows = useMemo(() => [...stats.caseload].sort((a, b) => b.open - a.open).map((c) => ({ key: c.userId, label: c.name, value: c.open })), [stats]);
  const option = useMemo(() => barsOption(rows, t), [rows, t]);
  return (
    <Panel title={t('cases.charts.caseload')} empty={!rows.length}>
      <Chart option={option} height={heightFor(rows.length)} label={t('cases.charts.caseload')} />
    </Panel>
  );
}

function AreaChart({ stats }: { stats: CaseStats }) {
  const { t, i18n } = useTranslation();
  const rows = useMemo(
    () => stats.byServiceArea.filter((a) => a.count > 0).sort((a, b) => b.count - a.count).map((a) => ({ key: a.serviceArea, label: codeLabel(SERVICE_AREAS, a.serviceArea), value: a.count })),
    [stats, i18n.language],
  );
  const option = useMemo(() => barsOption(rows, t), [rows, t]);
  return (
    <Panel title={t('cases.charts.byArea')} empty={!rows.length}>
      <Chart option={option} height={heightFor(rows.length)} label={t('cases.charts.byArea')} />
    </Panel>
  );
}

function GroupChart({ stats }: { stats: CaseStats }) {
  const { t, i18n } = useTranslation();
  const rows = useMemo(
    () =>
      stats.byTargetGroup
        .filter((a) => a.count > 0)
        .sort((a, b) => b.count - a.count)
        .map((a) => ({ key: a.targetGroup ?? '', label: a.targetGroup ? codeLabel(TAG_GROUPS, a.targetGroup) : t('cases.charts.noGroup'), value: a.count })),
    [stats, i18n.language, t],
  );
  const option = useMemo(() => barsOption(rows, t), [rows, t]);
  return (
    <Panel title={t('cases.charts.byGroup')} empty={!rows.length}>
      <Chart option={option} height={heightFor(rows.length)} label={t('cases.charts.byGroup')} />
    </Panel>
  );
}

function MonthChart({ stats }: { stats: CaseStats }) {
  const { t } = useTranslation();
  const option = useMemo(() => {
    const m = new Map(stats.perMonth.map((x) => [x.month, x]));
    const start = dayjs(beijingToday()).startOf('month').subtract(11, 'month');
    const months = Array.from({ length: 12 }, (_, i) => start.add(i, 'month'));
    return {
      grid: { ...GRID, left: 4, right: 8, top: 32, bottom: 4 },
      legend: { top: 0, right: 0, itemWidth: 12, itemHeight: 8, textStyle: { color: '#475569' } },
      tooltip: { trigger: 'axis', confine: true },
      xAxis: {
        type: 'category',
        data: months.map((d, i) => d.format(t(i === 0 || d.month() === 0 ? 'cases.charts.monthLabelYear' : 'cases.charts.monthLabel'))),
        axisTick: { show: false },
        axisLabel: AXIS_LABEL,
        axisLine: { lineStyle: { color: '#cbd5e1' } },
      },
      yAxis: { type: 'value', minInterval: 1, axisLabel: AXIS_LABEL, splitLine: SPLIT_LINE },
      series: [
        { type: 'bar', name: t('cases.charts.opened'), barMaxWidth: 14, itemStyle: { color: CHART_COLOR, borderRadius: [3, 3, 0, 0] }, data: months.map((d) => m.get(d.format('YYYY-MM'))?.opened ?? 0) },
        { type: 'bar', name: t('cases.charts.closed'), barMaxWidth: 14, itemStyle: { color: '#64748b', borderRadius: [3, 3, 0, 0] }, data: months.map((d) => m.get(d.format('YYYY-MM'))?.closed ?? 0) },
      ],
    };
  }, [stats, t]);
  return (
    <Panel title={t('cases.charts.perMonth')} empty={stats.perMonth.every((x) => !x.opened && !x.closed)}>
      <Chart option={option} height={240} label={t('cases.charts.perMonth')} />
    </Panel>
  );
}

/**
 * 个案统计 on top of the case list: a worker's own caseload by stage and risk; a supervisor's team
 * caseload per worker; a manager's cases by service area, target group and month.
 */
export function CaseCharts() {
  const { t } = useTranslation();
  const works = useCan('cases.write');
  // The 'team' figures are those of the cases one supervises (an agency head approves some, supervises none).
  const approves = useCan('cases.supervise');
  const oversees = useCan('cases.oversee');
  const scopes: CaseStatsScope[] = [...(works ? (['mine'] as const) : []), ...(approves ? (['team'] as const) : []), ...(oversees ? (['all'] as const) : [])];
  const [scope, setScope] = useState<CaseStatsScope>(approves ? 'team' : works ? 'mine' : 'all');
  const stats = useCaseStats(scope, scopes.length > 0);
  if (!scopes.length) return null;
  const s = stats.data;

  return (
    <Card
      size="small"
      title={t('cases.list.charts')}
      extra={scopes.length > 1 && <Segmented size="small" value={scope} onChange={(v) => setScope(v as CaseStatsScope)} options={scopes.map((k) => ({ value: k, label: t(`cases.charts.scope.${k}`) }))} />}
      style={{ marginBottom: 12 }}
    >
      {stats.error && !s ? (
        <Typography.Text type="secondary">
          {t('cases.charts.failed')}{t('cases.c')}{errorMessage(stats.error)}
        </Typography.Text>
      ) : !s ? (
        <div style={{ minHeight: 160, display: 'grid', placeItems: 'center' }}>
          <Spin />
        </div>
      ) : (
        <Row gutter={[24, 16]}>
          {scope === 'mine' && (
            <>
              <Col xs={24} md={14}>
                <StatusChart stats={s} />
              </Col>
              <Col xs={24} md={10}>
                <RiskChart stats={s} />
              </Col>
            </>
          )}
          {scope === 'team' && (
            <>
              <Col xs={24} md={10}>
                <CaseloadChart stats={s} />
              </Col>
              <Col xs={24} md={8}>
                <StatusChart stats={s} />
              </Col>
              <Col xs={24} md={6}>
                <RiskChart stats={s} />
              </Col>
            </>
          )}
          {scope === 'all' && (
            <>
              <Col xs={24} lg={8}>
                <AreaChart stats={s} />
              </Col>
              <Col xs={24} lg={7}>
                <GroupChart stats={s} />
              </Col>
              <Col xs={24} lg={9}>
                <MonthChart stats={s} />
              </Col>
            </>
          )}
        </Row>
      )}
    </Card>
  );
}
