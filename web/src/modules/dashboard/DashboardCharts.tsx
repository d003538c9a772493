import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { TAG_GROUPS, TAGS } from '../../../../common/codes/tag.codes';
import { useCanOpen, useMe } from '../../app/auth';
import { tooltipHtml } from '../../lib/html';
import { beijingToday } from '../../lib/format';
import { codeLabel } from '../../lib/i18n';
import { Chart, CHART_COLOR } from './Chart';
import { AGE_BANDS, type DashboardSummary } from './dashboard.api';

const AXIS_LABEL = { color: '#475569', fontSize: 12 };
const SPLIT_LINE = { lineStyle: { color: '#eef0f2' } };
/** Keeps axis labels inside the chart (echarts 6's replacement for grid.containLabel). */
const GRID = { outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' } as const;

type TooltipParam = { name: string; value: number; data: { group?: string; month?: string } };

/**
 * 重点人群分布: residents per target group (§5.1), as horizontal bars so the Chinese names read
 * easily. A click opens the residents of that group.
 */
export function GroupChart({ summary }: { summary: DashboardSummary }) {
  const { t, i18n } = useTranslation();
  const nav = useNavigate();
  const me = useMe();
  const canOpen = useCanOpen()('/residents');
  const seesRestricted = me.restrictedCommunityIds.length > 0;

  const rows = useMemo(() => {
    const counts = new Map(summary.byGroup.map((g) => [g.group, g.count]));
    const byTag = new Map(summary.byTag.map((g) => [g.tag, g.count]));
    return (
      TAG_GROUPS
        // Restricted tags make up 特殊人群: without the right to see them, the group is always empty.
        .filter((g) => seesRestricted || g.code !== 'special')
        .map((g) => ({
          group: g.code,
          label: codeLabel(TAG_GROUPS, g.code),
          count: counts.get(g.code) ?? 0,
          tags: TAGS.filter((tag) => tag.group === g.code && (seesRestricted || !('restricted' in tag)))
            .map((tag) => ({ code: tag.code, label: codeLabel(TAGS, tag.code), count: byTag.get(tag.code) ?? 0 })),
        }))
        // Largest at the top: a category axis draws its first item at the bottom.
        .sort((a, b) => a.count - b.count)
    );
    // i18n.language: the labels change with the language.
  }, [summary, seesRestricted, i18n.language]);

  const option = useMemo(() => ({
    grid: { ...GRID, left: 4, right: 48, top: 8, bottom: 8 },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (p: TooltipParam) => {
        const row = rows.find((r) => r.group === p.data.group);
        const lines = (row?.tags ?? []).filter((x) => x.count > 0).map((x) => t('dashboard.chart.tooltip', { label: x.label, count: x.count }));
        return tooltipHtml([t('dashboard.chart.tooltip', { label: p.name, count: p.value }), ...lines], { boldFirst: true });
      },
    },
    // Each bar carries its count, so the value axis needs no labels (they crowd on a phone).
    xAxis: { type: 'value', minInterval: 1, axisLabel: { show: false }, splitLine: SPLIT_LINE },
    yAxis: { type: 'category', data: rows.map((r) => r.label), axisTick: { show: false }, axisLabel: { ...AXIS_LABEL, fontSize: 13 }, axisLine: { lineStyle: { color: '#cbd5e1' } } },
    series: [
      {
        type: 'bar',
        barMaxWidth: 18,
        cursor: canOpen ? 'pointer' : 'default',
        itemStyle: { color: CHART_COLOR, borderRadius: [0, 4, 4, 0] },
        emphasis: { itemStyle: { color: '#115e59' } },
        label: { show: true, position: 'right', color: '#334155' },
        data: rows.map((r) => ({ value: r.count, group: r.group })),
      },
    ],
  }), [rows, canOpen, t]);

  const onClick = canOpen
    ? (p: unknown) => {
        const row = rows.find((r) => r.group === (p as TooltipParam).data?.group);
        if (!row || row.count === 0) return;
        nav(`/residents?tags=${row.tags.map((x) => x.code).join(',')}`);
      }
    : undefined;

  return <Chart option={option} onClick={onClick} height={Math.max(220, rows.length * 32 + 24)} label={t('dashboard.chart.groups')} />;
}

const AGE_COLORS = ['#5eead4', '#2dd4bf', '#14b8a6', '#0f766e', '#134e4a'];

/** 年龄结构: residents per age band, every band shown even when empty. */
export function AgeChart({ summary }: { summary: DashboardSummary }) {
  const { t } = useTranslation();
  const option = useMemo(() => {
    const counts = new Map(summary.ageBands.map((b) => [b.band, b.count]));
    return {
      grid: { ...GRID, left: 4, right: 40, top: 28, bottom: 4 },
      tooltip: {
        trigger: 'item',
        confine: true,
        formatter: (p: TooltipParam & { dataIndex: number }) => tooltipHtml([t('dashboard.chart.tooltip', { label: t(`dashboard.chart.ageBand.${AGE_BANDS[p.dataIndex]}`), count: p.value })]),
      },
      xAxis: {
        type: 'category',
        // Short labels fit five bands on a phone; the tooltip names the band in full.
        data: AGE_BANDS.map((b) => t(`dashboard.chart.ageBandShort.${b}`)),
        name: t('dashboard.chart.ageUnit'),
        nameLocation: 'end',
        nameGap: 4,
        nameTextStyle: { color: '#64748b', fontSize: 11, verticalAlign: 'top', padding: [8, 0, 0, 0] },
        axisTick: { show: false },
        axisLabel: { ...AXIS_LABEL, interval: 0 },
        axisLine: { lineStyle: { color: '#cbd5e1' } },
      },
      yAxis: { type: 'value', minInterval: 1, axisLabel: AXIS_LABEL, splitLine: SPLIT_LINE },
      series: [
        {
          type: 'bar',
          barMaxWidth: 48,
          label: { show: true, position: 'top', color: '#334155' },
          data: AGE_BANDS.map((b, i) => ({ value: counts.get(b) ?? 0, itemStyle: { color: AGE_COLORS[i], borderRadius: [4, 4, 0, 0] } })),
        },
      ],
    };
  }, [summary, t]);
  return <Chart option={option} height={280} label={t('dashboard.chart.ages')} />;
}

/** 近 12 个月新增居民: one point per month, months without new residents as 0. */
export function MonthlyChart({ summary }: { summary: DashboardSummary }) {
  const { t } = useTranslation();
  const option = useMemo(() => {
    const counts = new Map(summary.monthly.map((m) => [m.month, m.count]));
    const start = dayjs(beijingToday()).startOf('month').subtract(11, 'month');
    const months = Array.from({ length: 12 }, (_, i) => start.add(i, 'month'));
    return {
      grid: { ...GRID, left: 4, right: 16, top: 24, bottom: 4 },
      tooltip: {
        trigger: 'axis',
        confine: true,
        formatter: (ps: TooltipParam[]) =>
          tooltipHtml([t('dashboard.chart.tooltip', { label: dayjs(`${ps[0].data.month}-01`).format(t('dashboard.chart.monthTooltip')), count: ps[0].value })]),
      },
      xAxis: {
        type: 'category',
        boundaryGap: false,
        // The first month and every January carry the year.
        data: months.map((m, i) => m.format(t(i === 0 || m.month() === 0 ? 'dashboard.chart.monthLabelYear' : 'dashboard.chart.monthLabel'))),
        axisTick: { show: false },
        axisLabel: AXIS_LABEL,
        axisLine: { lineStyle: { color: '#cbd5e1' } },
      },
      yAxis: { type: 'value', minInterval: 1, axisLabel: AXIS_LABEL, splitLine: SPLIT_LINE },
      series: [
        {
          type: 'line',
          smooth: 0.3,
          symbolSize: 6,
          itemStyle: { color: CHART_COLOR },
          lineStyle: { width: 2 },
          areaStyle: { color: 'rgba(15, 118, 110, 0.12)' },
          data: months.map((m) => {
            const month = m.format('YYYY-MM');
            return { value: counts.get(month) ?? 0, month };
          }),
        },
      ],
    };
  }, [summary, t]);
  return <Chart option={option} height={280} label={t('dashboard.chart.monthly')} />;
}
