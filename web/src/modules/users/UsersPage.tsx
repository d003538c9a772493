import { LockOutlined, MoreOutlined, PlusOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Dropdown, Grid, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ORG_KINDS } from '../../../../common/codes/org.codes';
import { ROLES } from '../../../../common/permissions';
import type { OneTimeCode, User } from '../../../../common/schemas/users.schema';
import { useMe } from '../../app/auth';
import { EmptyState, ErrorState } from '../../app/states';
import { api, type Page } from '../../lib/api';
import { errorMessage } from '../../lib/feedback';
import { fmtDateTime } from '../../lib/format';
import { codeLabel, codeOptions } from '../../lib/i18n';
import { useOrgUnits } from '../orgs/orgs.data';
import { OneTimeCodeModal, type IssuedCode } from './OneTimeCodeModal';
import { UserFormDrawer, type UserFormTarget } from './UserFormDrawer';

const PAGE_SIZE = 20;

export function UserStatus({ user }: { user: User }) {
  const { t } = useTranslation();
  const tags = [];
  if (user.disabled) tags.push(<Tag key="disabled">{t('users.status.disabled')}</Tag>);
  if (user.locked)
    tags.push(
      <Tooltip key="locked" title={t('users.statusHint.locked')}>
        <Tag color="error" icon={<LockOutlined />}>
          {t('users.status.locked')}
        </Tag>
      </Tooltip>,
    );
  if (user.mustChangePassword)
    tags.push(
      <Tooltip key="must" title={t('users.statusHint.mustChange')}>
        <Tag color="warning">{t('users.status.mustChange')}</Tag>
      </Tooltip>,
    );
  if (!tags.length) tags.push(<Tag key="ok" color="success">{t('users.status.active')}</Tag>);
  const f = user.secondFactor;
  const factor = f.enabled ? 'factorOn' : f.exempt && f.required ? 'factorExempt' : f.required ? 'factorPending' : null;
  if (factor)
    tags.push(
      <Tooltip key="factor" title={t(`users.statusHint.${factor}`)}>
        <Tag color={factor === 'factorOn' ? 'blue' : factor === 'factorPending' ? 'warning' : undefined} icon={<SafetyCertificateOutlined />}>
          {t(`users.status.${factor}`)}
        </Tag>
      </Tooltip>,
    );
  return <Space size={[0, 4]} wrap>{tags}</Space>;
}

function Posts({ user }: { user: User }) {
  const { t } = useTranslation();
  if (!user.posts.length) return <Typography.Text type="secondary">{t('users.noPosts')}</Typography.Text>;
  return (
    <Space size={[0, 4]} wrap>
      {user.posts.map((p) => (
        <Tooltip key={p.orgUnitId} title={p.canViewRestricted ? `${codeLabel(ORG_KINDS, p.kind)} · ${t('users.restrictedTip')}` : codeLabel(ORG_KINDS, p.kind)}>
          <Tag color={p.canViewRestricted ? 'gold' : undefined} icon={p.canViewRestricted ? <LockOutlined /> : undefined}>
            {p.orgUnitName}
          </Tag>
        </Tooltip>
      ))}
    </Space>
  );
}

/** 用户与角色: accounts, their roles and posts, one-time codes, locks and status. */
export default function UsersPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const role = params.get('role') ?? undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [search, setSearch] = useState(q);
  const [formTarget, setFormTarget] = useState<UserFormTarget | null>(null);
  const [issued, setIssued] = useState<IssuedCode | null>(null);
  const orgs = useOrgUnits();
  const screens = Grid.useBreakpoint();
  const compact = !screens.md;

  const list = useQuery({
    queryKey: ['users', { q, role, page }],
    queryFn: () => api.get<Page<User>>('/api/users', { q, role, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });

  const setFilter = (next: Record<string, string | undefined>) => {
    const merged = { q, role, ...next };
    setParams(Object.fromEntries(Object.entries(merged).filter(([, v]) => v)) as Record<string, string>, { replace: true });
  };

  const refresh = () => qc.invalidateQueries({ queryKey: ['users'] });

  const resetPassword = (u: User) =>
    modal.confirm({
      title: t('users.resetConfirm', { name: u.displayName, username: u.username }),
      content: t('users.resetHint'),
      okText: t('users.resetPassword'),
      okButtonProps: { danger: true },
      cancelText: t('app.action.cancel'),
      onOk: async () => {
        try {
          const { data } = await api.post<{ data: OneTimeCode }>(`/api/users/${u.id}/reset-password`);
          setIssued({ ...data, kind: 'reset', username: u.username, displayName: u.displayName });
          void refresh();
        } catch (e) {
          void message.error(errorMessage(e));
        }
      },
    });

  const resetFactor = (u: User) =>
    modal.confirm({
      title: t('users.resetFactorConfirm', { name: u.displayName, username: u.username }),
      content: t('users.resetFactorHint'),
      okText: t('users.resetFactor'),
      okButtonProps: { danger: true },
      cancelText: t('app.action.cancel'),
      onOk: async () => {
        try {
          await api.post(`/api/users/${u.id}/reset-second-factor`);
          void message.success(t('users.resetFactorDone'));
          void refresh();
        } catch (e) {
          void message.error(errorMessage(e));
        }
      },
    });

  const unlock = async (u: User) => {
    try {
      await api.post(`/api/users/${u.id}/unlock`);
      void message.success(t('users.unlocked'));
      void refresh();
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };

  const toggleDisabled = (u: User) =>
    modal.confirm({
      title: t(u.disabled ? 'users.enableConfirm' : 'users.disableConfirm', { name: u.displayName, username: u.username }),
      content: u.disabled ? undefined : t('users.disableHint'),
      okText: t(u.disabled ? 'users.enable' : 'users.disable'),
      okButtonProps: { danger: !u.disabled },
      cancelText: t('app.action.cancel'),
      onOk: async () => {
        try {
          await api.patch(`/api/users/${u.id}`, { disabled: !u.disabled, version: u.version });
          void message.success(t(u.disabled ? 'users.enabledDone' : 'users.disabledDone'));
        } catch (e) {
          void message.error(errorMessage(e));
        } finally {
          void refresh();
        }
      },
    });

  const columns: TableColumnsType<User> = [
    {
      title: t('users.col.username'),
      dataIndex: 'username',
      key: 'username',
      render: (v: string, u) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          <span className="masked">{v}</span>
          {u.id === me.id && <Tag color="cyan" style={{ marginInlineStart: 6 }}>{t('users.you')}</Tag>}
        </span>
      ),
    },
    { title: t('users.col.displayName'), dataIndex: 'displayName', key: 'displayName' },
    { title: t('users.col.role'), dataIndex: 'role', key: 'role', render: (v: string) => codeLabel(ROLES, v), responsive: ['sm'] },
    { title: t('users.col.posts'), key: 'posts', render: (_, u) => <Posts user={u} />, responsive: ['md'] },
    { title: t('users.col.status'), key: 'status', render: (_, u) => <UserStatus user={u} /> },
    {
      title: t('users.col.lastLogin'),
      dataIndex: 'lastLoginAt',
      key: 'lastLoginAt',
      responsive: ['lg'],
      render: (v: string | null) => (v ? <span style={{ whiteSpace: 'nowrap' }}>{fmtDateTime(v)}</span> : <Typography.Text type="secondary">{t('users.neverLoggedIn')}</Typography.Text>),
    },
    {
      title: t('users.col.actions'),
      key: 'actions',
      render: (_, u) => {
        const more = [
          ...(u.id !== me.id ? [{ key: 'reset', label: t('users.resetPassword'), onClick: () => resetPassword(u) }] : []),
          ...(u.id !== me.id && (u.secondFactor.enabled || (u.secondFactor.exempt && u.secondFactor.required)) ? [{ key: 'factor', label: t('users.resetFactor'), onClick: () => resetFactor(u) }] : []),
          ...(u.locked ? [{ key: 'unlock', label: t('users.unlock'), onClick: () => void unlock(u) }] : []),
          ...(u.id !== me.id ? [{ key: 'status', label: t(u.disabled ? 'users.enable' : 'users.disable'), danger: !u.disabled, onClick: () => toggleDisabled(u) }] : []),
        ];
        const edit = (
          <Button type="link" size="small" onClick={() => setFormTarget({ mode: 'edit', user: u })}>
            {t('app.action.edit')}
          </Button>
        );
        if (compact) {
          return (
            <Space size={0}>
              {edit}
              {more.length > 0 && (
                <Dropdown menu={{ items: more }} trigger={['click']}>
                  <Button type="text" size="small" icon={<MoreOutlined />} aria-label={t('app.action.more')} />
                </Dropdown>
              )}
            </Space>
          );
        }
        return (
          <Space size={0} wrap>
            {edit}
            {more.map((m) => (
              <Button key={m.key} type="link" size="small" danger={m.danger} onClick={m.onClick}>
                {m.label}
              </Button>
            ))}
          </Space>
        );
      },
    },
  ];

  return (
    <div>
      <div className="page-title">
        <Typography.Title level={4}>{t('users.title')}</Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setFormTarget({ mode: 'create' })}>
          {t('users.create')}
        </Button>
      </div>
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {t('users.intro')}
      </Typography.Paragraph>
      <Space wrap className="filters">
        <Input.Search
          allowClear
          placeholder={t('users.search')}
          aria-label={t('users.search')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(v) => setFilter({ q: v.trim() || undefined, page: undefined })}
          style={{ width: 240 }}
        />
        <Select
          allowClear
          placeholder={t('users.allRoles')}
          aria-label={t('users.col.role')}
          value={role}
          options={codeOptions(ROLES)}
          onChange={(v?: string) => setFilter({ role: v, page: undefined })}
          style={{ width: 180 }}
        />
      </Space>
      {list.error && !list.data ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<User>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.data ?? []}
          loading={list.isFetching}
          locale={{ emptyText: list.isPending ? ' ' : <EmptyState /> }}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: list.data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (n) => t('app.state.total', { count: n }),
            onChange: (p) => setFilter({ page: p > 1 ? String(p) : undefined }),
          }}
        />
      )}
      <UserFormDrawer target={formTarget} units={orgs.data ?? []} onClose={() => setFormTarget(null)} onIssued={setIssued} />
      <OneTimeCodeModal issued={issued} onClose={() => setIssued(null)} />
    </div>
  );
}
