import { FilterOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { Badge, Button, Flex, Input, InputNumber, Select, Space, Tooltip } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SEXES } from '../../../../common/codes/resident.codes';
import { useMe } from '../../app/auth';
import { codeOptions } from '../../lib/i18n';
import { tagOptions } from './residents.format';
import type { ResidentFilters, Sort } from './residents.filters';

type SortKey = 'name' | 'nameDesc' | 'ageAsc' | 'ageDesc' | 'created' | 'updated';
const SORT_KEYS: Record<SortKey, { sort: Sort; order: 'asc' | 'desc' }> = {
  name: { sort: 'name', order: 'asc' },
  nameDesc: { sort: 'name', order: 'desc' },
  // Youngest first = latest birth date first.
  ageAsc: { sort: 'birthDate', order: 'desc' },
  ageDesc: { sort: 'birthDate', order: 'asc' },
  created: { sort: 'createdAt', order: 'desc' },
  updated: { sort: 'updatedAt', order: 'desc' },
};
const sortKeyOf = (f: Pick<ResidentFilters, 'sort' | 'order'>): SortKey =>
  (Object.entries(SORT_KEYS).find(([, v]) => v.sort === f.sort && v.order === f.order)?.[0] as SortKey | undefined) ??
  (f.sort === 'birthDate' ? 'ageDesc' : f.sort === 'createdAt' ? 'created' : f.sort === 'updatedAt' ? 'updated' : 'name');

/** The search box waits for a pause in typing before it searches. */
function SearchBox({ value, onSearch, mobile }: { value: string; onSearch: (q: string) => void; mobile: boolean }) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  const last = useRef(value);
  // The URL changed from elsewhere (清除筛选): show what it says now.
  useEffect(() => {
    if (value !== last.current) {
      last.current = value;
      setText(value);
    }
  }, [value]);
  useEffect(() => {
    if (text.trim() === last.current.trim()) return;
    const h = setTimeout(() => {
      last.current = text;
      onSearch(text);
    }, 400);
    return () => clearTimeout(h);
  }, [text, onSearch]);
  return (
    <Input.Search
      allowClear
      value={text}
      onChange={(e) => setText(e.target.value)}
      onSearch={(v) => {
        last.current = v;
        setText(v);
        onSearch(v);
      }}
      placeholder={t('residents.list.searchPlaceholder')}
      aria-label={t('residents.list.searchPlaceholder')}
      maxLength={50}
      style={{ width: mobile ? '100%' : 360 }}
      suffix={
        <Tooltip title={t('residents.list.searchHelp')}>
          <QuestionCircleOutlined style={{ color: '#64748b' }} />
        </Tooltip>
      }
    />
  );
}

/** Sort order for both views; the table's column headers set the same values. */
export function ResidentSortSelect({ filters, update, mobile }: { filters: ResidentFilters; update: (patch: Partial<ResidentFilters>) => void; mobile: boolean }) {
  const { t } = useTranslation();
  return (
    <Select
      value={sortKeyOf(filters)}
      onChange={(k: SortKey) => update(SORT_KEYS[k])}
      aria-label={t('residents.list.sort')}
      prefix={t('residents.list.sortPrefix')}
      variant={mobile ? 'outlined' : 'borderless'}
      popupMatchSelectWidth={false}
      options={(['name', 'nameDesc', 'ageAsc', 'ageDesc', 'created', 'updated'] as const).map((k) => ({
        value: k,
        label: t(`residents.list.${({ name: 'sortName', nameDesc: 'sortNameDesc', ageAsc: 'sortAgeAsc', ageDesc: 'sortAgeDesc', created: 'sortCreated', updated: 'sortUpdated' } as const)[k]}`),
      }))}
    />
  );
}

export function ResidentListFilters({
  filters, update, mobile,
}: {
  filters: ResidentFilters;
  update: (patch: Partial<ResidentFilters>) => void;
  mobile: boolean;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const [open, setOpen] = useState(false);
  const extraCount = [filters.communityId, filters.tags.length ? 1 : undefined, filters.sex, filters.ageMin ?? filters.ageMax].filter((v) => v !== undefined).length;

  const others = (
    <>
      {me.communities.length > 1 && (
        <Select
          allowClear
          value={filters.communityId}
          onChange={(v) => update({ communityId: v })}
          placeholder={t('residents.list.allCommunities')}
          aria-label={t('residents.field.communityId')}
          options={me.communities.map((c) => ({ value: c.id, label: c.name }))}
          style={{ width: mobile ? '100%' : 150 }}
        />
      )}
      <Select
        mode="multiple"
        allowClear
        value={filters.tags}
        onChange={(v: string[]) => update({ tags: v })}
        placeholder={t('residents.list.tagsPlaceholder')}
        aria-label={t('residents.list.tagsPlaceholder')}
        options={tagOptions(me.restrictedCommunityIds.length > 0)}
        showSearch={{ optionFilterProp: 'label' }}
        maxTagCount="responsive"
        style={{ width: mobile ? '100%' : 240 }}
      />
      <Select
        allowClear
        value={filters.sex}
        onChange={(v) => update({ sex: v })}
        placeholder={t('residents.list.anySex')}
        aria-label={t('residents.field.sex')}
        options={codeOptions(SEXES)}
        style={{ width: mobile ? '100%' : 90 }}
      />
      <Space.Compact style={{ width: mobile ? '100%' : 190 }}>
        <Space.Addon>{t('residents.list.ageRange')}</Space.Addon>
        <InputNumber
          min={0}
          max={150}
          precision={0}
          value={filters.ageMin ?? null}
          onChange={(v) => update({ ageMin: v ?? undefined })}
          placeholder={t('residents.list.ageFrom')}
          aria-label={t('residents.list.ageMin')}
          style={{ width: '50%' }}
        />
        <InputNumber
          min={0}
          max={150}
          precision={0}
          value={filters.ageMax ?? null}
          onChange={(v) => update({ ageMax: v ?? undefined })}
          placeholder={t('residents.list.ageUntil')}
          aria-label={t('residents.list.ageMax')}
          style={{ width: '50%' }}
        />
      </Space.Compact>
    </>
  );

  return (
    <div className="filters">
      <Flex gap={8} wrap align="center">
        <Flex gap={8} style={{ width: mobile ? '100%' : undefined }}>
          <div style={{ flex: 1 }}>
            <SearchBox value={filters.q} onSearch={(q) => update({ q })} mobile={mobile} />
          </div>
          {mobile && (
            <Badge count={extraCount} size="small">
              <Button icon={<FilterOutlined />} onClick={() => setOpen((o) => !o)} aria-expanded={open}>
                {t('residents.list.moreFilters')}
              </Button>
            </Badge>
          )}
        </Flex>
        {(!mobile || open) && others}
      </Flex>
    </div>
  );
}
