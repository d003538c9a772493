import { CheckCircleOutlined, EditOutlined, MoreOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Descriptions, Dropdown, Empty, Flex, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GOAL_ATTAINMENTS, PLAN_STATUSES, TASK_STATUSES } from '../../../../common/codes/case.codes';
import type { Case, CaseAbilities, CaseGoal, CasePlan, CaseTask } from '../../../../common/schemas/cases.schema';
import { errorMessage } from '../../lib/feedback';
import { fmtDate, fmtDateTime } from '../../lib/format';
import { codeLabel } from '../../lib/i18n';
import { ReviewPanel } from './CaseActions';
import { Paragraphs } from './CaseBits';
import { useSubmitPlan } from './CaseHeader';
import { CasePlanEditor } from './CasePlanEditor';
import { useCaseAction } from './cases.api';

const PLAN_COLORS: Record<string, string> = { draft: 'default', submitted: 'gold', approved: 'green', returned: 'red' };
const ATTAINMENT_COLORS: Record<string, string> = { achieved: 'green', mostly: 'cyan', partly: 'orange', not_achieved: 'red' };

function Goal({ g, n }: { g: CaseGoal; n: number }) {
  const { t } = useTranslation();
  return (
    <div style={{ background: '#f8fafc', borderRadius: 8, padding: '10px 12px' }}>
      <Flex gap={8} align="center" wrap>
        <Typography.Text strong>
          {t('cases.plan.goal', { n })}{t('cases.c')}{g.title}
        </Typography.Text>
        {g.attainment && <Tag color={ATTAINMENT_COLORS[g.attainment]}>{codeLabel(GOAL_ATTAINMENTS, g.attainment)}</Tag>}
      </Flex>
      <div style={{ fontSize: 13, color: '#475569', marginTop: 4 }}>
        {t('cases.plan.indicator')}{t('cases.c')}{g.indicator}
        {(g.baseline || g.target) && (
          <span style={{ marginInlineStart: 12 }}>
            {t('cases.plan.baseline')} {g.baseline || '—'} → {t('cases.plan.target')} {g.target || '—'}
          </span>
        )}
      </div>
      {g.attainmentNote && <div style={{ fontSize: 13, color: '#475569' }}>{g.attainmentNote}</div>}
    </div>
  );
}

function Task({ x, goals, editable, caseId }: { x: CaseTask; goals: CaseGoal[]; editable: boolean; caseId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const run = useCaseAction(caseId);
  const [busy, setBusy] = useState(false);
  const goalNo = goals.findIndex((g) => g.id === x.goalId);
  const setStatus = async (status: string) => {
    setBusy(true);
    try {
      await run('post', `tasks/${x.id}/status`, { status });
      void message.success(t('cases.plan.taskUpdated'));
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const done = x.status === 'done';
  const cancelled = x.status === 'cancelled';
  return (
    <Flex gap={10} align="flex-start" style={{ padding: '8px 0', borderBottom: '1px solid #f1f5f9' }}>
      <Checkbox
        checked={done}
        disabled={!editable || busy || cancelled}
        onChange={(e) => void setStatus(e.target.checked ? 'done' : 'open')}
        aria-label={`${t('cases.plan.markDone')}${t('cases.c')}${x.title}`}
        style={{ marginTop: 2 }}
      />
      <div style={{ flex: 1, minWidth: 0 }}>
        <Typography.Text delete={done || cancelled} type={cancelled ? 'secondary' : undefined}>
          {x.title}
        </Typography.Text>
        <Flex gap={8} wrap style={{ fontSize: 12, color: '#64748b' }}>
          {goalNo >= 0 && <span>{t('cases.plan.goal', { n: goalNo + 1 })}</span>}
          {(x.ownerName || x.ownerText) && <span>{t('cases.plan.owner')}{t('cases.c')}{[x.ownerName, x.ownerText].filter(Boolean).join('、')}</span>}
          {x.dueDate && (
            <span style={x.overdue && x.status === 'open' ? { color: '#dc2626' } : undefined}>
              {t('cases.plan.dueDate')} {fmtDate(x.dueDate)}
              {x.overdue && x.status === 'open' && ` · ${t('cases.plan.overdue')}`}
            </span>
          )}
        </Flex>
      </div>
      <Tag color={done ? 'green' : cancelled ? 'default' : x.overdue ? 'red' : 'blue'} style={{ marginInlineEnd: 0 }}>
        {codeLabel(TASK_STATUSES, x.status)}
      </Tag>
      {editable && (
        <Dropdown
          trigger={['click']}
          menu={{
            items: [
              ...(x.status !== 'done' ? [{ key: 'done', label: t('cases.plan.markDone'), onClick: () => void setStatus('done') }] : []),
              ...(x.status !== 'open' ? [{ key: 'open', label: t('cases.plan.reopenTask'), onClick: () => void setStatus('open') }] : []),
              ...(x.status !== 'cancelled' ? [{ key: 'cancel', danger: true, label: t('cases.plan.cancelTask'), onClick: () => void setStatus('cancelled') }] : []),
            ],
          }}
        >
          <Button size="small" type="text" icon={<MoreOutlined />} loading={busy} aria-label={t('cases.plan.taskStatus')} />
        </Dropdown>
      )}
    </Flex>
  );
}

function PlanView({ c, plan, abilities }: { c: Case; plan: CasePlan; abilities: CaseAbilities }) {
  const { t } = useTranslation();
  const tasksEditable = abilities.work && ['planning', 'active', 'closure_review'].includes(c.status);
  const open = plan.tasks.filter((x) => x.status === 'open').length;
  return (
    <Flex vertical gap={12}>
      {plan.status === 'returned' && (
        <Alert
          type="warning"
          showIcon
          title={t('cases.plan.returnedTitle')}
          description={<>{plan.reviewComment && <Paragraphs text={plan.reviewComment} />}<Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('cases.plan.reviewedBy', { name: plan.reviewedByName ?? '', time: fmtDateTime(plan.reviewedAt) })}</Typography.Text></>}
        />
      )}
      {plan.status === 'approved' && (
        <Alert
          type="success"
          showIcon
          title={`${t('cases.plan.approvedTitle')} · ${t('cases.plan.reviewedBy', { name: plan.reviewedByName ?? '', time: fmtDateTime(plan.reviewedAt) })}`}
          description={plan.reviewComment ? <Paragraphs text={plan.reviewComment} /> : undefined}
        />
      )}
      {plan.status === 'submitted' && (
        <Alert type="info" showIcon title={plan.submittedAt ? `${t('cases.plan.waiting')} · ${t('cases.plan.submittedAt', { time: fmtDateTime(plan.submittedAt) })}` : t('cases.plan.waiting')} />
      )}
      {plan.status === 'draft' && c.status === 'active' && <Alert type="info" showIcon title={t('cases.plan.unsavedDraft')} description={t('cases.plan.reviseHint')} />}
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'strategy', label: t('cases.plan.strategy'), span: 'filled', children: <Paragraphs text={plan.strategy} /> },
          { key: 'roles', label: t('cases.plan.roles'), span: 'filled', children: <Paragraphs text={plan.roles} /> },
          { key: 'period', label: t('cases.plan.period'), children: `${fmtDate(plan.startDate)} ~ ${fmtDate(plan.endDate)}` },
        ]}
      />
      <div>
        <Typography.Title level={5}>{t('cases.plan.goals')}</Typography.Title>
        {plan.goals.length ? (
          <Flex vertical gap={8}>
            {plan.goals.map((g, i) => <Goal key={g.id} g={g} n={i + 1} />)}
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('cases.plan.noGoals')}</Typography.Text>
        )}
      </div>
      <div>
        <Flex justify="space-between" align="baseline">
          <Typography.Title level={5}>{t('cases.plan.tasks')}</Typography.Title>
          {plan.tasks.length > 0 && <Typography.Text type="secondary">{t('cases.plan.openTasks', { open, total: plan.tasks.length })}</Typography.Text>}
        </Flex>
        {plan.tasks.length ? (
          plan.tasks.map((x) => <Task key={x.id} x={x} goals={plan.goals} editable={tasksEditable} caseId={c.id} />)
        ) : (
          <Typography.Text type="secondary">{t('cases.plan.noTasks')}</Typography.Text>
        )}
      </div>
    </Flex>
  );
}

/** 服务计划: the plan (or its editor), its approval, and the tasks' progress. */
export function CasePlanTab({ c, abilities, editing, setEditing }: { c: Case; abilities: CaseAbilities; editing: boolean; setEditing: (v: boolean) => void }) {
  const { t } = useTranslation();
  const submitPlan = useSubmitPlan(c);
  const plan = c.plan;
  const canEdit = abilities.work && (c.status === 'planning' || c.status === 'active');
  const canSubmit = abilities.lead && !!plan && (c.status === 'planning' || (c.status === 'active' && plan.status === 'draft')) && plan.status !== 'submitted';

  if (editing && canEdit) return <CasePlanEditor c={c} onDone={() => setEditing(false)} />;

  if (!plan) {
    return (
      <Empty description={<><div style={{ fontWeight: 500 }}>{t('cases.plan.empty')}</div>{c.status !== 'planning' && <Typography.Text type="secondary">{t('cases.plan.emptyEarly')}</Typography.Text>}</>}>
        {canEdit && (
          <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>
            {t('cases.plan.create')}
          </Button>
        )}
      </Empty>
    );
  }

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Space wrap>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('cases.plan.editorTitle')} · {t('cases.plan.version', { version: plan.version })}
          </Typography.Title>
          <Tag color={PLAN_COLORS[plan.status]}>{codeLabel(PLAN_STATUSES, plan.status)}</Tag>
        </Space>
        <Space wrap>
          {canEdit && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {c.status === 'active' && plan.status === 'approved' ? t('cases.plan.revise') : t('cases.plan.edit')}
            </Button>
          )}
          {canSubmit && (
            <Button type="primary" icon={<SendOutlined />} onClick={submitPlan}>
              {t('cases.plan.submit')}
            </Button>
          )}
        </Space>
      </Flex>
      <PlanView c={c} plan={plan} abilities={abilities} />
      {c.status === 'plan_review' && abilities.approve && (
        <Card id="case-review" size="small" title={<span><CheckCircleOutlined style={{ color: '#0f766e', marginInlineEnd: 6 }} />{t('cases.plan.reviewTitle')}</span>} style={{ borderColor: '#fcd34d' }} styles={{ header: { background: '#fffbeb' } }}>
          <ReviewPanel c={c} what="plan" />
        </Card>
      )}
    </Flex>
  );
}
