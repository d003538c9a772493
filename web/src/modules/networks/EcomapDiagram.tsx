import { Grid } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { TIE_KINDS, TIE_QUALITIES } from '../../../../common/codes/case.codes';
import { tieKey, type EcomapTie, type TieChange } from '../../../../common/schemas/networks.schema';
import { codeLabel } from '../../lib/i18n';

// Drawn as SVG rather than with ECharts' graph series: an ecomap needs double lines for mixed ties,
// fixed positions shared by two snapshots, and text that prints; the dashboard's chart wrapper
// registers only bar and line charts.

export const TIE_COLORS = { supportive: '#16a34a', stressful: '#dc2626', mixed: '#d97706' } as const;
export const CHANGE_COLORS = { added: '#16a34a', changed: '#f59e0b', removed: '#64748b' } as const;
/** Line width by strength 1 (weak) – 3 (strong). */
export const strokeWidth = (strength: number) => [1.5, 1.5, 3.5, 6][strength] ?? 1.5;

const NODE_W = 96;
const NODE_H = 46;
const CLIENT_R = 48;
const short = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

type Placed = { key: string; tie: EcomapTie; x: number; y: number; ghost: boolean; change: TieChange | null };

/** Positions around the client: one ring up to 14 ties, two alternating rings beyond; the ring grows with the count. */
function layout(slots: string[]) {
  const n = Math.max(slots.length, 1);
  const rings = n > 14 ? 2 : 1;
  const outer = Math.max(190, (Math.ceil(n / rings) * (NODE_W + 10)) / (2 * Math.PI));
  const inner = outer - 80;
  const halfW = outer + NODE_W / 2 + 12;
  const halfH = outer + NODE_H / 2 + 12;
  const at = new Map<string, { x: number; y: number }>();
  slots.forEach((key, i) => {
    const a = -Math.PI / 2 + (2 * Math.PI * i) / n;
    const r = rings === 2 && i % 2 ? inner : outer;
    at.set(key, { x: halfW + r * Math.cos(a), y: halfH + r * Math.sin(a) });
  });
  return { width: halfW * 2, height: halfH * 2, cx: halfW, cy: halfH, at };
}

function Edge({ p, cx, cy }: { p: Placed; cx: number; cy: number }) {
  const w = strokeWidth(p.tie.strength);
  if (p.ghost) return <line x1={cx} y1={cy} x2={p.x} y2={p.y} stroke={CHANGE_COLORS.removed} strokeWidth={1.5} strokeDasharray="2 5" />;
  if (p.tie.quality === 'supportive') return <line x1={cx} y1={cy} x2={p.x} y2={p.y} stroke={TIE_COLORS.supportive} strokeWidth={w} strokeLinecap="round" />;
  if (p.tie.quality === 'stressful') return <line x1={cx} y1={cy} x2={p.x} y2={p.y} stroke={TIE_COLORS.stressful} strokeWidth={w} strokeDasharray="8 5" />;
  // Mixed: a supportive and a stressful line side by side.
  const len = Math.hypot(p.x - cx, p.y - cy) || 1;
  const ox = (-(p.y - cy) / len) * (w / 2 + 2);
  const oy = ((p.x - cx) / len) * (w / 2 + 2);
  return (
    <g>
      <line x1={cx + ox} y1={cy + oy} x2={p.x + ox} y2={p.y + oy} stroke={TIE_COLORS.supportive} strokeWidth={w} strokeLinecap="round" />
      <line x1={cx - ox} y1={cy - oy} x2={p.x - ox} y2={p.y - oy} stroke={TIE_COLORS.stressful} strokeWidth={w} strokeDasharray="8 5" />
    </g>
  );
}

function Node({ p, compact }: { p: Placed; compact: boolean }) {
  const { t } = useTranslation();
  const { tie } = p;
  const stroke = p.ghost ? CHANGE_COLORS.removed : p.change === 'added' || p.change === 'changed' ? CHANGE_COLORS[p.change] : tie.formal ? '#2563eb' : '#0f766e';
  const fill = p.ghost ? '#f8fafc' : tie.formal ? '#eff6ff' : '#f0fdfa';
  const strong = !p.ghost && (p.change === 'added' || p.change === 'changed');
  const textColor = p.ghost ? '#64748b' : '#0f172a';
  const title = [
    `${tie.name}${tie.relation ? `（${tie.relation}）` : ''}`,
    codeLabel(TIE_KINDS, tie.kind),
    tie.formal ? t('networks.formal') : t('networks.informal'),
    codeLabel(TIE_QUALITIES, tie.quality),
    t('networks.strengthValue', { value: t(`networks.strength.${tie.strength}`) }),
    p.change && p.change !== 'same' ? t(`networks.legend.${p.change}`) : null,
  ].filter(Boolean).join(' · ');
  return (
    <g>
      <title>{title}</title>
      {tie.formal ? (
        <rect x={p.x - NODE_W / 2} y={p.y - NODE_H / 2} width={NODE_W} height={NODE_H} rx={6} fill={fill} stroke={stroke} strokeWidth={strong ? 3 : 1.5} strokeDasharray={p.ghost ? '4 3' : undefined} />
      ) : (
        <ellipse cx={p.x} cy={p.y} rx={NODE_W / 2} ry={NODE_H / 2} fill={fill} stroke={stroke} strokeWidth={strong ? 3 : 1.5} strokeDasharray={p.ghost ? '4 3' : undefined} />
      )}
      {compact || !tie.relation || tie.relation === tie.name ? (
        <text x={p.x} y={p.y} textAnchor="middle" dominantBaseline="central" fontSize={compact ? 18 : 14} fill={textColor} textDecoration={p.ghost ? 'line-through' : undefined}>
          {short(tie.name, compact ? 5 : 6)}
        </text>
      ) : (
        <>
          <text x={p.x} y={p.y - 8} textAnchor="middle" dominantBaseline="central" fontSize={14} fill={textColor} textDecoration={p.ghost ? 'line-through' : undefined}>
            {short(tie.name, 6)}
          </text>
          <text x={p.x} y={p.y + 10} textAnchor="middle" dominantBaseline="central" fontSize={11} fill="#64748b">
            {short(tie.relation, 7)}
          </text>
        </>
      )}
      {strong && (
        <g>
          <circle cx={p.x + NODE_W / 2 - 4} cy={p.y - NODE_H / 2 + 2} r={9} fill={stroke} />
          <text x={p.x + NODE_W / 2 - 4} y={p.y - NODE_H / 2 + 2} textAnchor="middle" dominantBaseline="central" fontSize={13} fontWeight={700} fill="#fff">
            {p.change === 'added' ? '+' : '~'}
          </text>
        </g>
      )}
    </g>
  );
}

/**
 * An ecomap: the client in the centre, each tie around it. Line: solid green supportive, dashed red
 * stressful, both for mixed; thicker when stronger. Box: formal support; oval: informal. With
 * `changes`, added and changed ties are marked and `ghosts` (ties gone since) drawn faded.
 */
export function EcomapDiagram({
  clientName, ties, slots, changes, ghosts = [], maxHeight = 520,
}: {
  clientName: string;
  ties: EcomapTie[];
  slots?: string[];
  changes?: Map<string, TieChange>;
  ghosts?: EcomapTie[];
  maxHeight?: number;
}) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const compact = !screens.sm;
  const order = slots ?? [...ties, ...ghosts].map((x) => tieKey(x.name));
  const { width, height, cx, cy, at } = layout(order);
  const placed: Placed[] = [
    ...ghosts.map((tie) => ({ tie, ghost: true })),
    ...ties.map((tie) => ({ tie, ghost: false })),
  ].flatMap(({ tie, ghost }) => {
    const key = tieKey(tie.name);
    const pos = at.get(key);
    return pos ? [{ key, tie, ghost, change: changes?.get(key) ?? null, ...pos }] : [];
  });
  const label = t('networks.diagramLabel', { name: clientName, count: ties.length });
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={label}
      style={{ width: '100%', height: 'auto', maxHeight, display: 'block', fontFamily: "-apple-system, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif" }}
    >
      <title>{label}</title>
      {placed.map((p) => (
        <Edge key={`e-${p.key}`} p={p} cx={cx} cy={cy} />
      ))}
      <circle cx={cx} cy={cy} r={CLIENT_R} fill="#0f766e" />
      <text x={cx} y={cy - 8} textAnchor="middle" dominantBaseline="central" fontSize={compact ? 19 : 16} fontWeight={600} fill="#fff">
        {short(clientName, 4)}
      </text>
      {!compact && (
        <text x={cx} y={cy + 14} textAnchor="middle" dominantBaseline="central" fontSize={11} fill="#ccfbf1">
          {t('networks.center')}
        </text>
      )}
      {placed.map((p) => (
        <Node key={`n-${p.key}`} p={p} compact={compact} />
      ))}
    </svg>
  );
}

/** The key to the drawing: line styles, widths, shapes, and the change marks of a comparison. */
export function EcomapLegend({ withChanges = false }: { withChanges?: boolean }) {
  const { t } = useTranslation();
  const row = (icon: ReactNode, text: string) => (
    <div style={{ display: 'flex', alignItems: 'center', gap: 8, fontSize: 12, color: '#475569' }}>
      <svg width={40} height={18} aria-hidden style={{ flex: 'none' }}>
        {icon}
      </svg>
      <span>{text}</span>
    </div>
  );
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(210px, 1fr))', gap: 6 }}>
      {row(<line x1={2} y1={9} x2={38} y2={9} stroke={TIE_COLORS.supportive} strokeWidth={3} />, t('networks.legend.supportive'))}
      {row(<line x1={2} y1={9} x2={38} y2={9} stroke={TIE_COLORS.stressful} strokeWidth={3} strokeDasharray="8 5" />, t('networks.legend.stressful'))}
      {row(
        <>
          <line x1={2} y1={6} x2={38} y2={6} stroke={TIE_COLORS.supportive} strokeWidth={3} />
          <line x1={2} y1={12} x2={38} y2={12} stroke={TIE_COLORS.stressful} strokeWidth={3} strokeDasharray="8 5" />
        </>,
        t('networks.legend.mixed'),
      )}
      {row(
        <>
          <line x1={2} y1={4} x2={38} y2={4} stroke="#64748b" strokeWidth={strokeWidth(1)} />
          <line x1={2} y1={9} x2={38} y2={9} stroke="#64748b" strokeWidth={strokeWidth(2)} />
          <line x1={2} y1={15} x2={38} y2={15} stroke="#64748b" strokeWidth={strokeWidth(3)} />
        </>,
        t('networks.legend.thickness'),
      )}
      {row(<rect x={4} y={2} width={32} height={14} rx={3} fill="#eff6ff" stroke="#2563eb" />, t('networks.legend.formal'))}
      {row(<ellipse cx={20} cy={9} rx={16} ry={7} fill="#f0fdfa" stroke="#0f766e" />, t('networks.legend.informal'))}
      {withChanges && (
        <>
          {row(<ellipse cx={20} cy={9} rx={16} ry={7} fill="#fff" stroke={CHANGE_COLORS.added} strokeWidth={3} />, t('networks.legend.added'))}
          {row(<ellipse cx={20} cy={9} rx={16} ry={7} fill="#fff" stroke={CHANGE_COLORS.changed} strokeWidth={3} />, t('networks.legend.changed'))}
          {row(<ellipse cx={20} cy={9} rx={16} ry={7} fill="#f8fafc" stroke={CHANGE_COLORS.removed} strokeDasharray="4 3" />, t('networks.legend.removed'))}
        </>
      )}
    </div>
  );
}
