import { Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REFERRAL_STATUSES, RESOURCE_TYPES } from '../../../../common/codes/case.codes';
import { ORG_KINDS } from '../../../../common/codes/org.codes';
import type { Referral, ReferralParty } from '../../../../common/schemas/referrals.schema';
import { codeLabel } from '../../lib/i18n';
import { useResources } from './referrals.api';

const STATUS_COLORS: Record<string, string> = { sent: 'blue', accepted: 'cyan', declined: 'default', completed: 'green', cancelled: 'default' };

/** Status, and the overdue and urgent flags: the overdue alert reads here. */
export function ReferralStatus({ r }: { r: Pick<Referral, 'status' | 'overdue' | 'urgent'> }) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      <Tag color={STATUS_COLORS[r.status]} style={{ marginInlineEnd: 0 }}>
        {codeLabel(REFERRAL_STATUSES, r.status)}
      </Tag>
      {r.overdue && (
        <Tag color="red" style={{ marginInlineEnd: 0 }}>
          {t('referrals.overdue')}
        </Tag>
      )}
      {r.urgent && (
        <Tag color="volcano" style={{ marginInlineEnd: 0 }}>
          {t('referrals.urgent')}
        </Tag>
      )}
    </Space>
  );
}

/** 青山镇社工站（社工站） · 区人民医院（医院） · a sender's free text. */
export function PartyName({ p, showType = true }: { p: ReferralParty; showType?: boolean }) {
  const type = p.kind === 'org_unit' ? codeLabel(ORG_KINDS, p.type) : p.kind === 'resource' ? codeLabel(RESOURCE_TYPES, p.type) : null;
  return (
    <span>
      {p.name}
      {showType && type && <Typography.Text type="secondary" style={{ fontSize: 12 }}>（{type}）</Typography.Text>}
    </span>
  );
}

/** A directory entry picked by typing part of its name or a service; only entries in use are offered. */
export function ResourceSelect({ value, onChange, id, placeholder }: { value?: string; onChange?: (v: string | undefined) => void; id?: string; placeholder?: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const query = useResources({ q: q.trim() || undefined, pageSize: 30 });
  const options = (query.data?.data ?? []).map((r) => ({
    value: r.id,
    label: r.name,
    title: r.services.join('、'),
    desc: [codeLabel(RESOURCE_TYPES, r.type), r.services.slice(0, 3).join('、')].filter(Boolean).join(' · '),
  }));
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      loading={query.isFetching}
      placeholder={placeholder ?? t('referrals.create.resourcePlaceholder')}
      notFoundContent={query.isFetching ? undefined : t('referrals.create.noResource')}
      options={options}
      optionRender={(o) => (
        <div>
          <div>{o.data.label}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{o.data.desc}</Typography.Text>
        </div>
      )}
      style={{ width: '100%' }}
    />
  );
}
