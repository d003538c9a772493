import { LockOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Checkbox, ConfigProvider, Drawer, Form, Grid, Input, Select, Space, Switch, TreeSelect, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrgUnit } from '../../../../common/schemas/orgs.schema';
import { ROLE_PERMISSIONS, ROLES, type Role } from '../../../../common/permissions';
import { userCreateInput, userUpdateInput, type OneTimeCode, type User } from '../../../../common/schemas/users.schema';
import { useMe } from '../../app/auth';
import { api, ApiError, type Page } from '../../lib/api';
import { errorMessage } from '../../lib/feedback';
import { cleanValues, validateWith, zodRule } from '../../lib/forms';
import { codeOptions } from '../../lib/i18n';
import { useFormSubmit, validatedValues } from '../../lib/submit';
import { KindTag } from '../orgs/OrgDetails';
import { buildTree, TREE_THEME, type OrgNode } from '../orgs/orgs.data';
import type { IssuedCode } from './OneTimeCodeModal';
import { SaveCancel } from '../../components/SaveCancel';

export type UserFormTarget = { mode: 'create' } | { mode: 'edit'; user: User };

type Values = {
  username?: string; displayName?: string; role?: Role; phone?: string; posts?: string[]; restricted?: string[]; disabled?: boolean; supervisorId?: string | null;
};

/** Enabled users with the supervisor role: the choices of a social worker's 督导. */
function useSupervisors(enabled: boolean) {
  return useQuery({
    queryKey: ['users', 'list', { role: 'supervisor', pageSize: 100 }],
    queryFn: () => api.get<Page<User>>('/api/users', { role: 'supervisor', pageSize: 100 }).then((r) => r.data.filter((u) => !u.disabled)),
    enabled,
    staleTime: 60_000,
  });
}

/** Roles that read resident records: only for them does the restricted-tag right mean anything. */
const readsResidents = (role: Role | undefined) => !!role && ROLE_PERMISSIONS[role].includes('residents.read');

type PostNode = { value: string; title: string; kind: string; disabled?: boolean; children: PostNode[] };

/** The org tree for the posts picker: active units, plus archived ones the user still holds. */
function postTree(nodes: OrgNode[], keep: Set<string>): PostNode[] {
  return nodes.flatMap((n) => {
    const children = postTree(n.children, keep);
    if (n.archived && !keep.has(n.id) && !children.length) return [];
    return [{ value: n.id, title: n.name, kind: n.kind, disabled: n.archived && !keep.has(n.id), children }];
  });
}

/** One checkbox per chosen post: may this post see restricted tags? */
function RestrictedChoices({ posts, units, value = [], onChange }: { posts: string[]; units: Map<string, OrgUnit>; value?: string[]; onChange?: (v: string[]) => void }) {
  const { t } = useTranslation();
  if (!posts.length) return null;
  return (
    <Space orientation="vertical" size={4} style={{ width: '100%' }}>
      {posts.map((id) => {
        const u = units.get(id);
        return (
          <div key={id} style={{ padding: '6px 10px', background: '#fafafa', borderRadius: 6 }}>
            <div style={{ marginBottom: 2 }}>
              {u && <KindTag kind={u.kind} />}
              <Typography.Text strong>{u?.name ?? id}</Typography.Text>
            </div>
            <Checkbox
              checked={value.includes(id)}
              onChange={(e) => onChange?.(e.target.checked ? [...value, id] : value.filter((x) => x !== id))}
            >
              <LockOutlined style={{ color: '#b45309', marginInlineEnd: 4 }} />
              {t('users.field.restricted')}
            </Checkbox>
          </div>
        );
      })}
    </Space>
  );
}

/** Create or edit an account. Creating answers a one-time code, handed to `onIssued`. */
export function UserFormDrawer({
  target,
  units,
  onClose,
  onIssued,
}: {
  target: UserFormTarget | null;
  units: OrgUnit[];
  onClose: () => void;
  onIssued: (code: IssuedCode) => void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<Values>();
  const { submit, busy } = useFormSubmit(form);
  const [conflict, setConflict] = useState(false);
  const editing = target?.mode === 'edit' ? target.user : null;
  const self = !!editing && editing.id === me.id;
  const role = Form.useWatch('role', form);
  const posts = Form.useWatch('posts', form) ?? [];
  const supervisors = useSupervisors(!!target && role === 'worker');
  const byId = useMemo(() => new Map(units.map((u) => [u.id, u])), [units]);
  const treeData = useMemo(() => postTree(buildTree(units), new Set(editing?.posts.map((p) => p.orgUnitId) ?? [])), [units, editing]);

  useEffect(() => {
    if (!target) return;
    setConflict(false);
    form.resetFields();
    if (target.mode === 'edit') {
      const u = target.user;
      form.setFieldsValue({
        displayName: u.displayName, role: u.role as Role, phone: u.phone ?? undefined, disabled: u.disabled, supervisorId: u.supervisorId,
        posts: u.posts.map((p) => p.orgUnitId), restricted: u.posts.filter((p) => p.canViewRestricted).map((p) => p.orgUnitId),
      });
    } else form.setFieldsValue({ role: 'worker', posts: [], restricted: [] });
  }, [target, form]);

  const save = async () => {
    const v = await validatedValues(form);
    if (!v) return;
    const restricted = new Set(readsResidents(v.role) ? (v.restricted ?? []) : []);
    const postInput = (v.posts ?? []).map((orgUnitId) => ({ orgUnitId, canViewRestricted: restricted.has(orgUnitId) }));
    const refresh = () => void qc.invalidateQueries({ queryKey: ['users'] });
    const onConflict = () => {
      setConflict(true);
      refresh();
    };
    if (editing) {
      const input = validateWith(form, userUpdateInput, {
        displayName: v.displayName,
        phone: v.phone ?? '',
        version: editing.version,
        supervisorId: v.role === 'worker' ? (v.supervisorId ?? null) : null,
        // The server refuses changes to one's own role, posts and status (users.cannot_change_self).
        ...(self ? {} : { role: v.role, posts: postInput, disabled: !!v.disabled }),
      });
      if (!input) return;
      await submit(() => api.patch<{ data: User }>(`/api/users/${editing.id}`, input), {
        success: t('users.saved'),
        onSaved: () => {
          onClose();
          refresh();
        },
        onConflict,
      });
    } else {
      const input = validateWith(form, userCreateInput, cleanValues({ username: v.username, displayName: v.displayName, role: v.role, phone: v.phone, posts: postInput, supervisorId: v.role === 'worker' ? v.supervisorId : undefined }));
      if (!input) return;
      await submit(() => api.post<{ data: User } & OneTimeCode>('/api/users', input), {
        onSaved: (res) => {
          onClose();
          onIssued({ kind: 'created', oneTimeCode: res.oneTimeCode, expiresAt: res.expiresAt, username: res.data.username, displayName: res.data.displayName });
          refresh();
        },
        onConflict,
      });
    }
  };

  return (
    <Drawer
      open={!!target}
      onClose={onClose}
      title={editing ? t('users.editTitle', { name: editing.displayName }) : t('users.createTitle')}
      size={screens.md ? 560 : '100%'}
      destroyOnHidden
      footer={<SaveCancel onCancel={onClose} onSave={() => void save()} busy={busy} />}
    >
      {conflict && <Alert type="warning" showIcon title={errorMessage(new ApiError(409, 'version_conflict', ''))} style={{ marginBottom: 16 }} />}
      {self && <Alert type="info" showIcon title={t('users.self')} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" requiredMark="optional" onFinish={() => void save()}>
        {editing ? (
          <Form.Item label={t('users.field.username')} required>
            <Typography.Text className="masked">{editing.username}</Typography.Text>
          </Form.Item>
        ) : (
          <Form.Item name="username" label={t('users.field.username')} required extra={t('users.hint.username')} rules={[zodRule(userCreateInput, 'username')]}>
            <Input maxLength={40} autoComplete="off" autoFocus className="masked" />
          </Form.Item>
        )}
        <Form.Item name="displayName" label={t('users.field.displayName')} required rules={[zodRule(userCreateInput, 'displayName')]}>
          <Input maxLength={50} autoComplete="off" />
        </Form.Item>
        <Form.Item name="role" label={t('users.field.role')} required rules={[zodRule(userCreateInput, 'role')]} extra={role ? t(`users.roleHint.${role}`) : undefined}>
          <Select options={codeOptions(ROLES)} disabled={self} />
        </Form.Item>
        {role === 'worker' && (
          <Form.Item name="supervisorId" label={t('users.field.supervisorId')} extra={t('users.hint.supervisorId')}>
            <Select
              allowClear
              loading={supervisors.isFetching}
              placeholder={t('users.hint.noSupervisor')}
              options={(supervisors.data ?? []).filter((u) => u.id !== editing?.id).map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }))}
              showSearch={{ optionFilterProp: 'label' }}
            />
          </Form.Item>
        )}
        <Form.Item name="phone" label={t('users.field.phone')} rules={[zodRule(userCreateInput, 'phone')]}>
          <Input maxLength={30} inputMode="tel" autoComplete="off" />
        </Form.Item>
        <ConfigProvider theme={TREE_THEME}>
          <Form.Item name="posts" label={t('users.field.posts')} extra={role === 'admin' ? t('users.hint.adminNoPosts') : t('users.hint.posts')}>
            <TreeSelect
              multiple
              treeData={treeData}
              treeDefaultExpandAll
              treeLine
              showSearch={{ treeNodeFilterProp: 'title' }}
              treeTitleRender={(n) => (
                <span>
                  <KindTag kind={(n as PostNode).kind} />
                  <span>{(n as PostNode).title}</span>
                </span>
              )}
              allowClear
              disabled={self}
              placeholder={t('users.field.posts')}
              style={{ width: '100%' }}
              onChange={(ids: string[]) => form.setFieldValue('restricted', (form.getFieldValue('restricted') ?? []).filter((x: string) => ids.includes(x)))}
            />
          </Form.Item>
        </ConfigProvider>
        {readsResidents(role) && posts.length > 0 && (
          <Form.Item name="restricted" extra={t('users.hint.restricted')}>
            <RestrictedChoices posts={posts} units={byId} />
          </Form.Item>
        )}
        {editing && (
          <Form.Item name="disabled" label={t('users.field.disabled')} required valuePropName="checked" extra={t('users.hint.disabled')}>
            <Switch disabled={self} />
          </Form.Item>
        )}
        <button type="submit" hidden />
      </Form>
    </Drawer>
  );
}
