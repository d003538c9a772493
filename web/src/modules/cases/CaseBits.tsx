import { ClockCircleOutlined, LockOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { CASE_KINDS, CASE_STATUSES } from '../../../../common/codes/case.codes';
import { codeLabel } from '../../lib/i18n';
import { useRiskLevels } from '../settings/settings.api';

const STATUS_COLORS: Record<string, string> = {
  intake: 'blue',
  assessment: 'cyan',
  planning: 'geekblue',
  plan_review: 'gold',
  active: 'green',
  closure_review: 'orange',
  closed: 'default',
  declined: 'default',
  referred_out: 'purple',
  ended: 'default',
};

export function CaseStatusTag({ status }: { status: string }) {
  return (
    <Tag color={STATUS_COLORS[status] ?? 'default'} style={{ marginInlineEnd: 0 }}>
      {codeLabel(CASE_STATUSES, status)}
    </Tag>
  );
}

/** A case's risk level in the colour the administrator gave it (系统设置 → 风险等级). */
export function RiskTag({ risk }: { risk: string }) {
  const levels = useRiskLevels();
  return (
    <Tag color={levels.color(risk)} style={{ marginInlineEnd: 0 }}>
      {levels.label(risk)}
    </Tag>
  );
}

/** The kind of a case; restricted kinds carry a lock and say who may see them. */
export function CaseKindTag({ kind, restricted }: { kind: string; restricted: boolean }) {
  const { t } = useTranslation();
  if (!restricted && kind === 'general') return null;
  const chip = (
    <Tag color={restricted ? 'red' : 'default'} icon={restricted ? <LockOutlined /> : undefined} style={{ marginInlineEnd: 0 }}>
      {codeLabel(CASE_KINDS, kind)}
    </Tag>
  );
  return restricted ? <Tooltip title={t('cases.restrictedTip')}>{chip}</Tooltip> : chip;
}

export function ContactOverdueTag({ risk }: { risk: string }) {
  const { t } = useTranslation();
  const levels = useRiskLevels();
  const days = levels.contactDays(risk);
  return (
    <Tooltip title={days ? t('cases.contactOverdueTip', { risk: levels.label(risk), days }) : undefined}>
      <Tag color="error" icon={<ClockCircleOutlined />} style={{ marginInlineEnd: 0 }}>
        {t('cases.contactOverdue')}
      </Tag>
    </Tooltip>
  );
}

/** The six steps of MZ/T 094 and where each status stands among them. */
export const CASE_STEPS = ['intake', 'assessment', 'plan', 'intervention', 'evaluation', 'closure'] as const;
export function stepOf(status: string): number {
  switch (status) {
    case 'intake':
    case 'declined':
    case 'referred_out':
      return 0;
    case 'assessment':
    case 'ended':
      return 1;
    case 'planning':
    case 'plan_review':
      return 2;
    case 'active':
      return 3;
    case 'closure_review':
      return 4;
    default:
      return 5;
  }
}

/** The open statuses, for the list's quick filters. */
export const STATUS_GROUPS = {
  open: ['intake', 'assessment', 'planning', 'plan_review', 'active', 'closure_review'],
  review: ['plan_review', 'closure_review'],
  ended: ['closed', 'declined', 'referred_out', 'ended'],
} as const;
export type StatusGroup = keyof typeof STATUS_GROUPS;

/** Multi-line text as the worker typed it. */
export function Paragraphs({ text }: { text: string | null | undefined }) {
  if (!text) return <span style={{ color: '#64748b' }}>—</span>;
  return <div style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{text}</div>;
}
