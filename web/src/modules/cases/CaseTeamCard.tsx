import { DeleteOutlined, SwapOutlined, UserAddOutlined, UserOutlined } from '@ant-design/icons';
import { App, Avatar, Button, Card, Col, Flex, Form, Input, Modal, Radio, Row, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TEAM_ROLES } from '../../../../common/codes/case.codes';
import type { Case, CaseAbilities, CaseTeamMember } from '../../../../common/schemas/cases.schema';
import { errorMessage } from '../../lib/feedback';
import { fmtDate } from '../../lib/format';
import { codeLabel, codeOptions } from '../../lib/i18n';
import { useFormSubmit, validatedValues } from '../../lib/submit';
import { TransferModal } from './CaseActions';
import { useCaseAction, useCaseWorkers } from './cases.api';

const ROLE_COLORS: Record<string, string> = { lead: 'green', co_worker: 'blue', supervisor: 'gold', manager: 'purple', external: 'cyan' };
const OPEN = ['intake', 'assessment', 'planning', 'plan_review', 'active', 'closure_review'];

type AddValues = { role: string; who: 'user' | 'external'; userId?: string; externalName?: string; externalOrg?: string; discipline?: string; contact?: string };

function AddMemberModal({ c, open, onClose }: { c: Case; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<AddValues>();
  const { submit, busy } = useFormSubmit(form);
  const run = useCaseAction(c.id);
  const role = (Form.useWatch('role', form) ?? 'co_worker') as string;
  const who = Form.useWatch('who', form) ?? 'user';
  // The server offers whoever may take the role here (for a restricted case: only with sight of restricted data).
  const teamRole = role === 'supervisor' || role === 'manager' ? role : 'co_worker';
  const workers = useCaseWorkers(c.communityId, { teamRole, restricted: c.restricted }, open && role !== 'external');
  const onTeam = new Set(c.team.filter((m) => m.active && m.userId).map((m) => m.userId));
  const candidates = (workers.data ?? []).filter((w) => !onTeam.has(w.id));

  const save = async () => {
    const v = await validatedValues(form);
    if (!v) return;
    const body =
      v.who === 'user'
        ? { role: v.role, userId: v.userId }
        : { role: v.role, externalName: v.externalName, externalOrg: v.externalOrg ?? '', discipline: v.discipline ?? '', contact: v.contact ?? '' };
    await submit(() => run('post', 'team', body), { success: t('cases.team.added'), onSaved: onClose });
  };

  return (
    <Modal
      open={open}
      title={t('cases.team.addTitle')}
      onCancel={onClose}
      onOk={() => void save()}
      okButtonProps={{ loading: busy }}
      okText={t('cases.team.add')}
      cancelText={t('app.action.cancel')}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false} initialValues={{ role: 'co_worker', who: 'user' }}>
        <Form.Item name="role" label={t('cases.team.role')} required>
          <Select
            options={codeOptions(TEAM_ROLES.filter((r) => r.code !== 'lead'))}
            onChange={(r: string) => form.setFieldsValue({ userId: undefined, who: r === 'external' ? 'external' : r === 'supervisor' || r === 'manager' ? 'user' : form.getFieldValue('who') })}
          />
        </Form.Item>
        <Form.Item name="who" label={t('cases.team.memberKind')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'user', label: t('cases.team.colleague'), disabled: role === 'external' },
              { value: 'external', label: t('cases.team.external'), disabled: role === 'supervisor' || role === 'manager' },
            ]}
          />
        </Form.Item>
        {who === 'user' ? (
          <Form.Item name="userId" label={t('cases.team.user')} rules={[{ required: true, message: t('cases.team.user') }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={workers.isFetching}
              options={candidates.map((w) => ({ value: w.id, label: `${w.displayName}（${t('cases.team.caseload', { count: w.caseload })}）` }))}
            />
          </Form.Item>
        ) : (
          <Row gutter={12}>
            <Col xs={24} sm={12}>
              <Form.Item name="externalName" label={t('cases.team.externalName')} rules={[{ required: true, whitespace: true, message: t('cases.team.externalName') }]}>
                <Input maxLength={50} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name="discipline" label={t('cases.team.discipline')}>
                <Input maxLength={50} placeholder={t('cases.team.disciplinePlaceholder')} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name="externalOrg" label={t('cases.team.externalOrg')}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name="contact" label={t('cases.team.contact')}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
          </Row>
        )}
      </Form>
    </Modal>
  );
}

function Member({ m, canRemove, onRemove }: { m: CaseTeamMember; canRemove: boolean; onRemove: () => void }) {
  const { t } = useTranslation();
  return (
    <Flex gap={10} align="flex-start" style={{ padding: '8px 0', borderBottom: '1px solid #f1f5f9', opacity: m.active ? 1 : 0.55 }}>
      <Avatar size="small" icon={<UserOutlined />} style={{ background: m.userId ? '#0f766e' : '#64748b', flex: 'none', marginTop: 2 }} />
      <div style={{ flex: 1, minWidth: 0 }}>
        <Flex gap={6} align="center" wrap>
          <Typography.Text strong>{m.name}</Typography.Text>
          <Tag color={ROLE_COLORS[m.role]} style={{ marginInlineEnd: 0 }}>
            {codeLabel(TEAM_ROLES, m.role)}
          </Tag>
          {!m.active && <Tag>{t('cases.team.inactive')}</Tag>}
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
          {[m.discipline, m.org, m.contact, t('cases.team.addedAt', { date: fmtDate(m.addedAt) })].filter(Boolean).join(' · ')}
        </Typography.Text>
      </div>
      {canRemove && (
        <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={onRemove} aria-label={`${t('cases.team.remove')} ${m.name}`}>
          {t('cases.team.remove')}
        </Button>
      )}
    </Flex>
  );
}

/** 服务团队: lead, co-workers, supervisor, named managers and members from other disciplines. */
export function CaseTeamCard({ c, abilities }: { c: Case; abilities: CaseAbilities }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const run = useCaseAction(c.id);
  const [adding, setAdding] = useState(false);
  const [transferring, setTransferring] = useState(false);
  const open = OPEN.includes(c.status);
  const canManage = abilities.lead && open;
  const members = [...c.team].sort((a, b) => Number(b.active) - Number(a.active));

  const remove = (m: CaseTeamMember) =>
    modal.confirm({
      title: t('cases.team.removeConfirm', { name: m.name }),
      content: t('cases.team.removeHint'),
      okText: t('cases.team.remove'),
      okButtonProps: { danger: true },
      cancelText: t('app.action.cancel'),
      onOk: async () => {
        try {
          await run('delete', `team/${m.id}`);
          void message.success(t('cases.team.removed'));
        } catch (e) {
          void message.error(errorMessage(e));
        }
      },
    });

  return (
    <Card
      size="small"
      title={t('cases.overview.team')}
      extra={
        canManage && (
          <Flex gap={4}>
            <Button size="small" icon={<SwapOutlined />} onClick={() => setTransferring(true)}>
              {t('cases.actions.transfer')}
            </Button>
            <Button size="small" icon={<UserAddOutlined />} onClick={() => setAdding(true)}>
              {t('cases.team.add')}
            </Button>
          </Flex>
        )
      }
    >
      {members.length === 0 ? (
        <Typography.Text type="secondary">{t('cases.team.empty')}</Typography.Text>
      ) : (
        members.map((m) => <Member key={m.id} m={m} canRemove={canManage && m.active && m.role !== 'lead' && m.role !== 'supervisor'} onRemove={() => remove(m)} />)
      )}
      {canManage && <AddMemberModal c={c} open={adding} onClose={() => setAdding(false)} />}
      {canManage && <TransferModal c={c} open={transferring} onClose={() => setTransferring(false)} />}
    </Card>
  );
}
