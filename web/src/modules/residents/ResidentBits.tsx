import { LockOutlined, ManOutlined, WomanOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { SEXES } from '../../../../common/codes/resident.codes';
import { TAGS } from '../../../../common/codes/tag.codes';
import type { ResidentTag } from '../../../../common/schemas/residents.schema';
import { codeLabel } from '../../lib/i18n';
import { isRestrictedTag, tagColor } from './residents.format';

/** ♂/♀ with the word for screen readers and a tooltip; `withText` also prints it. */
export function SexMark({ sex, withText = false }: { sex: string | null | undefined; withText?: boolean }) {
  if (!sex) return null;
  const label = codeLabel(SEXES, sex);
  const icon = sex === 'female' ? <WomanOutlined style={{ color: '#db2777' }} /> : <ManOutlined style={{ color: '#2563eb' }} />;
  return (
    <span title={label} aria-label={label} role="img" style={{ whiteSpace: 'nowrap' }}>
      {icon}
      {withText && <span style={{ marginInlineStart: 4 }}>{label}</span>}
    </span>
  );
}

/** One target-group tag: coloured by group; restricted tags red with a lock; inactive ones grey. */
export function ResidentTagChip({ tag, inactive = false }: { tag: string; inactive?: boolean }) {
  const { t } = useTranslation();
  const restricted = isRestrictedTag(tag);
  const chip = (
    <Tag color={inactive ? 'default' : tagColor(tag)} icon={restricted ? <LockOutlined /> : undefined} style={{ marginInlineEnd: 4, marginBlock: 2, opacity: inactive ? 0.6 : 1 }}>
      {codeLabel(TAGS, tag)}
    </Tag>
  );
  return restricted ? <Tooltip title={t('residents.list.restrictedTag')}>{chip}</Tooltip> : chip;
}

export function ResidentTagList({ tags }: { tags: Pick<ResidentTag, 'tag' | 'id'>[] | string[] }) {
  if (!tags.length) return null;
  return (
    <span>
      {tags.map((x, i) => {
        const code = typeof x === 'string' ? x : x.tag;
        const key = typeof x === 'string' ? `${x}-${i}` : x.id;
        return <ResidentTagChip key={key} tag={code} />;
      })}
    </span>
  );
}
