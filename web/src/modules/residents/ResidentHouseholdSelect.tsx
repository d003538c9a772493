import { Select, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Household } from '../../../../common/schemas/households.schema';
import { currentLang } from '../../lib/i18n';
import { useHousehold, useHouseholdSearch } from './residents.api';
import { formatAddress } from './residents.format';

/** A household of the chosen community, found by estate, building or the head's name. */
export function ResidentHouseholdSelect({
  communityId, value, onChange, id,
}: { communityId: string | undefined; value?: string | null; onChange?: (v: string | null) => void; id?: string }) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const h = setTimeout(() => setQ(typed), 300);
    return () => clearTimeout(h);
  }, [typed]);
  const list = useHouseholdSearch(communityId, q);
  const current = useHousehold(value && !list.data?.data.some((h) => h.id === value) ? value : null);

  const label = (h: Household) => {
    const address = (currentLang() === 'zh' ? h.address : formatAddress(t, h, true)) || '—';
    const head = h.headName ? t('residents.edit.householdMember', { head: h.headName, count: h.memberCount }) : t('residents.edit.householdNoHead');
    return `${address} · ${head}`;
  };
  const rows = [...(list.data?.data ?? [])];
  if (current.data && current.data.communityId === communityId && !rows.some((h) => h.id === current.data.id)) rows.unshift(current.data);

  return (
    <Select
      id={id}
      allowClear
      disabled={!communityId}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      placeholder={communityId ? t('residents.edit.householdPlaceholder') : t('residents.edit.communityFirst')}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      notFoundContent={list.isFetching ? <Spin size="small" /> : t('residents.edit.householdNone')}
      options={rows.map((h) => ({ value: h.id, label: label(h) }))}
      popupMatchSelectWidth={false}
      style={{ width: '100%' }}
    />
  );
}
