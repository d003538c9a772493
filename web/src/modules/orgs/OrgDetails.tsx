import { DownOutlined, EditOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Dropdown, Popconfirm, Space, Tag, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ORG_KINDS, SERVING_KINDS, type OrgKind } from '../../../../common/codes/org.codes';
import { archiveHolder } from '../../../../common/orgs.rules';
import type { OrgUnit } from '../../../../common/schemas/orgs.schema';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/feedback';
import { codeLabel } from '../../lib/i18n';
import { uncovered, useCoverageHint } from './OrgCoverage';
import { childKinds } from './OrgFormDrawer';
import { compareUnits, isCommunity, ORGS_KEY, unitPath } from './orgs.data';

export const KIND_COLORS: Record<string, string> = {
  district: 'geekblue', street: 'blue', community: 'green', village: 'lime', agency: 'purple', station: 'magenta',
};

export function KindTag({ kind }: { kind: string }) {
  return (
    <Tag color={KIND_COLORS[kind]} style={{ marginInlineEnd: 6 }}>
      {codeLabel(ORG_KINDS, kind)}
    </Tag>
  );
}

/** The actions on one unit: 编辑, 新建下级 (the kinds ORG_PARENTS allows under it), 停用. */
export function OrgActions({ unit, onEdit, onCreateChild }: { unit: OrgUnit; onEdit: () => void; onCreateChild: (kind: OrgKind) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  if (unit.archived) return null;
  const kinds = childKinds(unit);

  const archive = async () => {
    setBusy(true);
    try {
      await api.post(`/api/orgs/${unit.id}/archive`);
      void message.success(t('orgs.archivedDone'));
      await qc.invalidateQueries({ queryKey: ORGS_KEY });
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space wrap>
      <Button icon={<EditOutlined />} onClick={onEdit}>
        {t('app.action.edit')}
      </Button>
      {kinds.length === 1 && (
        <Button icon={<PlusOutlined />} onClick={() => onCreateChild(kinds[0])}>
          {t('orgs.newOf', { kind: codeLabel(ORG_KINDS, kinds[0]) })}
        </Button>
      )}
      {kinds.length > 1 && (
        <Dropdown menu={{ items: kinds.map((k) => ({ key: k, label: codeLabel(ORG_KINDS, k), onClick: () => onCreateChild(k) })) }}>
          <Button icon={<PlusOutlined />}>
            {t('orgs.newChild')} <DownOutlined />
          </Button>
        </Dropdown>
      )}
      <Popconfirm
        title={t('orgs.archiveConfirm', { name: unit.name })}
        description={<div style={{ maxWidth: 280 }}>{t('orgs.archiveHint')}</div>}
        okText={t('orgs.archive')}
        okButtonProps={{ danger: true, loading: busy }}
        cancelText={t('app.action.cancel')}
        onConfirm={archive}
      >
        <Button danger icon={<StopOutlined />} loading={busy}>
          {t('orgs.archive')}
        </Button>
      </Popconfirm>
    </Space>
  );
}

/** Everything recorded about one unit, with its place in the tree and what it serves. */
export function OrgDetails({ unit, units, onSelect }: { unit: OrgUnit; units: OrgUnit[]; onSelect: (id: string) => void }) {
  const { t } = useTranslation();
  const byId = new Map(units.map((u) => [u.id, u]));
  const none = <Typography.Text type="secondary">{t('orgs.none')}</Typography.Text>;
  const value = (v: string | null) => (v ? v : none);
  const link = (u: OrgUnit) => (
    <Tag key={u.id} style={{ cursor: 'pointer', opacity: u.archived ? 0.55 : 1, marginBottom: 4 }} onClick={() => onSelect(u.id)}>
      {u.name}
    </Tag>
  );
  const linkList = (list: OrgUnit[]): ReactNode => (list.length ? <div>{list.sort(compareUnits).map(link)}</div> : none);
  const kind = unit.kind as OrgKind;
  const administrative = ['district', 'street', 'community', 'village'].includes(kind);
  const serving = SERVING_KINDS.includes(kind);
  const holder = isCommunity(unit) ? archiveHolder(unit, units) : null;
  const coverageHint = useCoverageHint();

  const items: DescriptionsProps['items'] = [
    { key: 'kind', label: t('orgs.field.kind'), children: <KindTag kind={unit.kind} /> },
    { key: 'parent', label: t('orgs.field.parent'), children: unit.parentId ? unitPath(byId, unit.parentId) : t('orgs.root') },
    ...(administrative
      ? [{ key: 'code', label: t(kind === 'district' ? 'orgs.field.districtCode' : 'orgs.field.divisionCode'), children: unit.code ? <span className="masked">{unit.code}</span> : none }]
      : []),
    ...(serving || unit.creditCode ? [{ key: 'credit', label: t('orgs.field.creditCode'), children: unit.creditCode ? <span className="masked">{unit.creditCode}</span> : none }] : []),
    ...(serving ? [{ key: 'fonds', label: t('orgs.field.fondsCode'), children: unit.fondsCode ? <span className="masked">{unit.fondsCode}</span> : <Typography.Text type="secondary">{t('orgs.fonds.none')}</Typography.Text> }] : []),
    { key: 'address', label: t('orgs.field.address'), children: value(unit.address) },
    { key: 'phone', label: t('orgs.field.phone'), children: value(unit.phone) },
    ...(serving
      ? [{ key: 'serves', label: t('orgs.servesLabel', { count: unit.serves.length }), children: linkList(unit.serves.map((id) => byId.get(id)).filter((u): u is OrgUnit => !!u)) }]
      : []),
    ...(isCommunity(unit)
      ? [
          { key: 'servedBy', label: t('orgs.field.servedBy'), children: linkList(units.filter((u) => u.serves.includes(unit.id))) },
          {
            key: 'coverage',
            label: t('orgs.field.coverage'),
            children: unit.coverage && t('orgs.coverage.count', { workers: unit.coverage.workers, supervisors: unit.coverage.supervisors }),
          },
          {
            key: 'archive',
            label: t('orgs.field.archiveHolder'),
            children: holder ? (
              <span>
                {link(holder)}
                <span className="masked">{t('orgs.fonds.of', { code: holder.fondsCode })}</span>
              </span>
            ) : (
              <Typography.Text type="warning">{t('orgs.fonds.noHolder')}</Typography.Text>
            ),
          },
        ]
      : []),
    ...(childKinds(unit).length || units.some((u) => u.parentId === unit.id)
      ? [{ key: 'children', label: t('orgs.field.children'), children: linkList(units.filter((u) => u.parentId === unit.id)) }]
      : []),
    { key: 'note', label: t('orgs.field.note'), children: unit.note ? <span style={{ whiteSpace: 'pre-wrap' }}>{unit.note}</span> : none },
    { key: 'status', label: t('orgs.field.status'), children: unit.archived ? <Tag>{t('orgs.archived')}</Tag> : <Tag color="success">{t('orgs.active')}</Tag> },
  ];

  return (
    <>
      {!unit.archived && uncovered(unit) && <Alert type="warning" showIcon title={coverageHint} style={{ marginBottom: 12 }} />}
      <Descriptions column={1} size="small" bordered items={items} styles={{ label: { width: 150 } }} />
    </>
  );
}
