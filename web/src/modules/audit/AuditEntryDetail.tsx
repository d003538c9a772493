import { Descriptions, Table, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { ROLES } from '../../../../common/permissions';
import type { AuditEntry } from '../../../../common/schemas/audit.schema';
import { codeLabel } from '../../lib/i18n';
import { detailLabel, entityLabel, fieldLabel, formatDetail, formatValue, visibleChanges, type Lookup } from './audit.format';

type Row = { field: string; before: unknown; after: unknown };

/** The expanded row: who and where in full, the changed fields (字段 / 修改前 / 修改后), and the detail. */
export function AuditEntryDetail({ entry, lookup }: { entry: AuditEntry; lookup: Lookup }) {
  const { t } = useTranslation();
  const rows: Row[] = visibleChanges(entry.changes).map(([field, [before, after]]) => ({ field, before, after }));
  // The system administrator's view names the changed fields of residents' records without their values.
  const namesOnly = !entry.changes && entry.changedFields.length > 0;
  const detail = Object.entries(entry.detail ?? {});
  const community = entry.communityId ? lookup.units.get(entry.communityId) : undefined;

  const meta: DescriptionsProps['items'] = [
    { key: 'action', label: t('audit.col.action'), children: <span className="masked">{entry.action}</span> },
    ...(entry.entityId
      ? [{ key: 'entity', label: entityLabel(entry.entityType) || t('audit.col.entity'), children: <Typography.Text className="masked" copyable style={{ wordBreak: 'break-all' }}>{entry.entityId}</Typography.Text> }]
      : []),
    ...(entry.communityId ? [{ key: 'community', label: fieldLabel('communityId'), children: community?.name ?? entry.communityName ?? entry.communityId }] : []),
    { key: 'role', label: t('audit.col.role'), children: entry.actorRole ? codeLabel(ROLES, entry.actorRole) : t('audit.value.empty') },
    { key: 'ip', label: t('audit.col.ip'), children: <span className="masked">{entry.ip ?? t('audit.value.empty')}</span> },
  ];

  return (
    <div style={{ display: 'grid', gap: 12, maxWidth: 960 }}>
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} items={meta} />
      {rows.length > 0 && (
        <Table<Row>
          size="small"
          rowKey="field"
          pagination={false}
          dataSource={rows}
          bordered
          title={() => <Typography.Text strong>{t('audit.changes')}</Typography.Text>}
          columns={[
            { title: t('audit.field.label'), dataIndex: 'field', key: 'field', width: 160, render: (f: string) => fieldLabel(f, entry.entityType) },
            { title: t('audit.field.before'), key: 'before', render: (_, r) => formatValue(r.field, r.before, lookup) },
            { title: t('audit.field.after'), key: 'after', render: (_, r) => formatValue(r.field, r.after, lookup) },
          ]}
        />
      )}
      {namesOnly && (
        <Descriptions
          size="small"
          bordered
          column={1}
          items={[{ key: 'fields', label: t('audit.changes'), children: entry.changedFields.map((f) => fieldLabel(f, entry.entityType)).join(t('audit.sep')) }]}
          styles={{ label: { width: 160 } }}
          extra={<Typography.Text type="secondary">{t('audit.view.valuesHidden')}</Typography.Text>}
        />
      )}
      {detail.length > 0 && (
        <Descriptions
          size="small"
          bordered
          column={1}
          title={<Typography.Text strong>{t('audit.detail.title')}</Typography.Text>}
          items={detail.map(([k, v]) => ({ key: k, label: detailLabel(k), children: formatDetail(k, v, lookup) }))}
          styles={{ label: { width: 160 } }}
        />
      )}
      {!rows.length && !namesOnly && !detail.length && <Typography.Text type="secondary">{t('audit.noChanges')}</Typography.Text>}
    </div>
  );
}
