import { Tag } from 'antd';
import { HOUSEHOLD_TYPES } from '../../../../common/codes/resident.codes';
import { codeLabel } from '../../lib/i18n';

/** 一般家庭 plain; households that usually need attention in colour. */
export function HouseholdTypeTag({ type }: { type: string }) {
  const color = type === 'ordinary' ? undefined : type === 'assistance' || type === 'lost_only_child' ? 'orange' : 'cyan';
  return <Tag color={color} style={{ marginInlineEnd: 0 }}>{codeLabel(HOUSEHOLD_TYPES, type)}</Tag>;
}
