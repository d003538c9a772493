import { CrownOutlined, EditOutlined, LogoutOutlined, MoreOutlined, UserAddOutlined } from '@ant-design/icons';
import { App, Button, Card, Dropdown, Form, Grid, Modal, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { RELATIONS_TO_HEAD, SEXES } from '../../../../common/codes/resident.codes';
import { RESTRICTED_TAGS, TAGS } from '../../../../common/codes/tag.codes';
import type { Household, HouseholdMember } from '../../../../common/schemas/households.schema';
import { useCanOpen } from '../../app/auth';
import { EmptyState } from '../../app/states';
import { api, ApiError } from '../../lib/api';
import { errorMessage } from '../../lib/feedback';
import { codeLabel, codeOptions } from '../../lib/i18n';
import { AddMemberModal } from './AddMemberModal';
import { CompactList } from './CompactList';
import { useStoreHousehold, type HouseholdOne } from './households.api';

function MemberName({ m }: { m: HouseholdMember }) {
  const { t } = useTranslation();
  const canOpen = useCanOpen()(`/residents/${m.residentId}`);
  return (
    <Space size={6} wrap>
      {canOpen ? <Link to={`/residents/${m.residentId}`}>{m.name}</Link> : <span>{m.name}</span>}
      {m.isHead && (
        <Tag color="gold" icon={<CrownOutlined />} style={{ marginInlineEnd: 0 }}>
          {t('households.members.headBadge')}
        </Tag>
      )}
    </Space>
  );
}

/** The head is 户主 whatever was recorded; a former head still marked 户主 needs a new relation. */
function Relation({ m }: { m: HouseholdMember }) {
  const { t } = useTranslation();
  if (m.isHead) return <>{codeLabel(RELATIONS_TO_HEAD, 'head')}</>;
  if (m.relationToHead === 'head')
    return (
      <Tooltip title={t('households.members.relationStaleHint')}>
        <Tag color="warning">{t('households.members.relationStale')}</Tag>
      </Tooltip>
    );
  // No relation recorded (a member added by address, or a former head): the worker still has to say.
  return m.relationToHead ? <>{codeLabel(RELATIONS_TO_HEAD, m.relationToHead)}</> : <Typography.Text type="secondary">{t('households.members.relationPending')}</Typography.Text>;
}

function MemberTags({ tags }: { tags: string[] }) {
  if (!tags.length) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space size={[4, 4]} wrap>
      {tags.map((tag) => (
        <Tag key={tag} color={RESTRICTED_TAGS.includes(tag) ? 'red' : 'geekblue'} style={{ marginInlineEnd: 0 }}>
          {codeLabel(TAGS, tag)}
        </Tag>
      ))}
    </Space>
  );
}

const ageText = (m: HouseholdMember, t: (k: string, o?: Record<string, unknown>) => string) =>
  m.age == null ? '—' : t('households.members.ageValue', { age: m.age });

/** 家庭成员: who lives in the household, and (with the right) who heads it, who joins and who leaves. */
export function HouseholdMembers({ household, canUpdate, reload }: { household: Household; canUpdate: boolean; reload: () => unknown }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const store = useStoreHousehold();
  const screens = Grid.useBreakpoint();
  const compact = !screens.md;
  const [adding, setAdding] = useState(false);
  const [relationOf, setRelationOf] = useState<HouseholdMember | null>(null);
  const members = household.members ?? [];

  const fail = (e: unknown) => {
    void message.error(errorMessage(e));
    // Someone else changed the household meanwhile: show what it is now.
    if (e instanceof ApiError && (e.code === 'version_conflict' || e.status === 404 || e.status === 400)) void reload();
  };

  const setHead = (m: HouseholdMember) =>
    modal.confirm({
      title: t('households.members.setHeadConfirm', { name: m.name }),
      content: t('households.members.setHeadHint'),
      okText: t('app.action.confirm'),
      cancelText: t('app.action.cancel'),
      onOk: async () => {
        try {
          store(await api.patch<HouseholdOne>(`/api/households/${household.id}`, { headResidentId: m.residentId, version: household.version }));
          void message.success(t('households.members.headSet', { name: m.name }));
        } catch (e) {
          fail(e);
        }
      },
    });

  const remove = (m: HouseholdMember) =>
    modal.confirm({
      title: t('households.members.removeConfirm', { name: m.name }),
      content: t('households.members.removeHint'),
      okText: t('households.members.remove'),
      okButtonProps: { danger: true },
      cancelText: t('app.action.cancel'),
      onOk: async () => {
        try {
          store(await api.delete<HouseholdOne>(`/api/households/${household.id}/members/${m.residentId}`));
          void message.success(t('households.members.removed', { name: m.name }));
        } catch (e) {
          fail(e);
        }
      },
    });

  const actionsOf = (m: HouseholdMember) =>
    [
      !m.isHead && { key: 'head', icon: <CrownOutlined />, label: t('households.members.setHead'), onClick: () => setHead(m) },
      !m.isHead && { key: 'relation', icon: <EditOutlined />, label: t('households.members.changeRelation'), onClick: () => setRelationOf(m) },
      { key: 'remove', icon: <LogoutOutlined />, label: t('households.members.remove'), danger: true, onClick: () => remove(m) },
    ].filter((a) => a !== false);

  const columns: TableColumnsType<HouseholdMember> = [
    { title: t('households.members.name'), key: 'name', render: (_, m) => <MemberName m={m} />, width: 180 },
    { title: t('households.members.relation'), key: 'relation', render: (_, m) => <Relation m={m} />, width: 150 },
    { title: t('households.members.sex'), dataIndex: 'sex', render: (v: string) => codeLabel(SEXES, v), width: 70 },
    { title: t('households.members.age'), key: 'age', render: (_, m) => ageText(m, t), width: 80 },
    { title: t('households.members.tags'), dataIndex: 'tags', render: (v: string[]) => <MemberTags tags={v} /> },
    ...(canUpdate
      ? [
          {
            title: t('households.members.actions'),
            key: 'actions',
            width: 260,
            render: (_: unknown, m: HouseholdMember) => (
              <Space size={0} wrap>
                {actionsOf(m).map((a) => (
                  <Button key={a.key} type="link" size="small" danger={'danger' in a && a.danger} onClick={a.onClick} style={{ paddingInline: 4 }}>
                    {a.label}
                  </Button>
                ))}
              </Space>
            ),
          },
        ]
      : []),
  ];

  const empty = (
    <EmptyState description={t('households.members.empty')}>
      {canUpdate && (
        <Button type="primary" icon={<UserAddOutlined />} onClick={() => setAdding(true)}>
          {t('households.members.add')}
        </Button>
      )}
    </EmptyState>
  );

  return (
    <Card
      title={t('households.members.count', { count: members.length })}
      extra={
        canUpdate && members.length > 0 ? (
          <Button icon={<UserAddOutlined />} onClick={() => setAdding(true)}>
            {t('households.members.add')}
          </Button>
        ) : undefined
      }
      styles={{ body: { padding: compact ? '4px 12px' : undefined } }}
    >
      {compact ? (
        <CompactList
          items={members}
          rowKey={(m) => m.residentId}
          empty={empty}
          action={
            canUpdate
              ? (m) => (
                  <Dropdown trigger={['click']} menu={{ items: actionsOf(m) }}>
                    <Button type="text" icon={<MoreOutlined />} aria-label={t('households.members.more')} />
                  </Dropdown>
                )
              : undefined
          }
          render={(m) => (
            <Space orientation="vertical" size={2} style={{ minWidth: 0 }}>
              <MemberName m={m} />
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                <Relation m={m} /> · {codeLabel(SEXES, m.sex)} · {ageText(m, t)}
              </Typography.Text>
              {m.tags.length > 0 && <MemberTags tags={m.tags} />}
            </Space>
          )}
        />
      ) : (
        <Table<HouseholdMember> rowKey="residentId" size="middle" columns={columns} dataSource={members} pagination={false} locale={{ emptyText: empty }} />
      )}
      {canUpdate && <AddMemberModal household={household} open={adding} onClose={() => setAdding(false)} />}
      {canUpdate && <RelationModal household={household} member={relationOf} onClose={() => setRelationOf(null)} onError={fail} />}
    </Card>
  );
}

/** Changes a member's relation to the head (the API moves them "into" the household they are in). */
function RelationModal({ household, member, onClose, onError }: { household: Household; member: HouseholdMember | null; onClose: () => void; onError: (e: unknown) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const store = useStoreHousehold();
  const [form] = Form.useForm<{ relationToHead: string }>();
  const [saving, setSaving] = useState(false);

  const submit = async ({ relationToHead }: { relationToHead: string }) => {
    if (!member) return;
    setSaving(true);
    try {
      store(await api.post<HouseholdOne>(`/api/households/${household.id}/members`, { residentId: member.residentId, relationToHead }));
      void message.success(t('households.members.relationSaved'));
      onClose();
    } catch (e) {
      onError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={member !== null}
      title={member ? t('households.members.changeRelationTitle', { name: member.name }) : ''}
      okText={t('app.action.save')}
      cancelText={t('app.action.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
      width={420}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        preserve={false}
        initialValues={{ relationToHead: member?.relationToHead && member.relationToHead !== 'head' ? member.relationToHead : undefined }}
      >
        <Form.Item name="relationToHead" label={t('households.members.relation')} rules={[{ required: true, message: t('households.add.relationRequired') }]}>
          <Select options={codeOptions(RELATIONS_TO_HEAD)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
