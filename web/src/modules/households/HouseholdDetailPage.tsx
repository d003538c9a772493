import { ArrowLeftOutlined, DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { Household } from '../../../../common/schemas/households.schema';
import { ErrorState, isNotFound, Loading, RecordNotFound } from '../../app/states';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/feedback';
import { fmtDateTime } from '../../lib/format';
import { householdKeys, invalidateAfterChange, useHousehold } from './households.api';
import { HouseholdEditModal } from './HouseholdEditModal';
import { HouseholdMembers } from './HouseholdMembers';
import { HouseholdTypeTag } from './HouseholdTypeTag';

function BackLink() {
  const { t } = useTranslation();
  return (
    <Link to="/households">
      <ArrowLeftOutlined /> {t('households.detail.back')}
    </Link>
  );
}

function NotFound() {
  const { t } = useTranslation();
  return <RecordNotFound title={t('households.detail.notFoundTitle')} hint={t('households.detail.notFoundHint')} backTo="/households" backLabel={t('households.detail.back')} />;
}

export default function HouseholdDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const query = useHousehold(id);
  if (query.isPending) return <Loading />;
  if (query.error) {
    if (isNotFound(query.error)) return <NotFound />;
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  }
  const { data: household, abilities } = query.data;
  const reload = async () => (await query.refetch()).data?.data;
  return (
    <>
      <div style={{ marginBottom: 8 }}>
        <BackLink />
      </div>
      {household.archivedAt && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('households.detail.archivedBanner', { time: fmtDateTime(household.archivedAt) })} />
      )}
      <HouseholdInfo household={household} canUpdate={abilities.update} reload={reload} />
      <div style={{ height: 16 }} />
      <HouseholdMembers household={household} canUpdate={abilities.update} reload={reload} />
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8, fontSize: 12 }}>
        {t('households.detail.updatedAt', { time: fmtDateTime(household.updatedAt) })}
      </Typography.Text>
    </>
  );
}

function HouseholdInfo({ household: h, canUpdate, reload }: { household: Household; canUpdate: boolean; reload: () => Promise<Household | undefined> }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const nav = useNavigate();
  const [editing, setEditing] = useState(false);
  const empty = h.memberCount === 0;

  const archive = () =>
    modal.confirm({
      title: t('households.detail.archiveConfirm'),
      content: t('households.detail.archiveHint'),
      okText: t('households.detail.archive'),
      okButtonProps: { danger: true },
      cancelText: t('app.action.cancel'),
      onOk: async () => {
        try {
          await api.post(`/api/households/${h.id}/archive`);
          qc.removeQueries({ queryKey: householdKeys.one(h.id) });
          invalidateAfterChange(qc);
          void message.success(t('households.detail.archived'));
          nav('/households');
        } catch (e) {
          void message.error(errorMessage(e));
          void reload();
        }
      },
    });

  return (
    <Card
      title={
        <Space wrap size={8} style={{ whiteSpace: 'normal', paddingBlock: 8 }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {h.address}
          </Typography.Title>
          <HouseholdTypeTag type={h.type} />
        </Space>
      }
      extra={
        canUpdate && (
          <Space wrap>
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('app.action.edit')}
            </Button>
            {empty && (
              <Button danger icon={<DeleteOutlined />} onClick={archive}>
                {t('households.detail.archive')}
              </Button>
            )}
          </Space>
        )
      }
    >
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 3 }}
        items={[
          { key: 'community', label: t('households.field.community'), children: h.communityName },
          { key: 'head', label: t('households.field.head'), children: h.headName ?? <Typography.Text type="secondary">{t('households.noHead')}</Typography.Text> },
          { key: 'count', label: t('households.field.memberCount'), children: t('households.people', { count: h.memberCount }) },
          {
            key: 'note',
            label: t('households.field.note'),
            span: 'filled',
            children: h.note ? <span style={{ whiteSpace: 'pre-wrap' }}>{h.note}</span> : <Typography.Text type="secondary">—</Typography.Text>,
          },
        ]}
      />
      {canUpdate && <HouseholdEditModal household={h} open={editing} onClose={() => setEditing(false)} reload={reload} />}
    </Card>
  );
}
