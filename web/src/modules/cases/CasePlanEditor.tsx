import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, DatePicker, Flex, Form, Input, Row, Select, Spin, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanBasis } from '../../../../common/schemas/assessments.schema';
import { casePlanInput, type Case, type CasePlanInput } from '../../../../common/schemas/cases.schema';
import { beijingToday, dateItemProps, todayPlusMonths } from '../../lib/format';
import { validateWith } from '../../lib/forms';
import { codeLabel } from '../../lib/i18n';
import { useFormSubmit, validatedValues } from '../../lib/submit';
import { TEAM_ROLES } from '../../../../common/codes/case.codes';
import { usePlanBasis } from '../assessments/assessments.api';
import { PlanBasisCard } from '../assessments/PlanBasisCard';
import { useCaseAction } from './cases.api';

type GoalValues = { id?: string; title?: string; indicator?: string; baseline?: string; target?: string };
type TaskValues = { id?: string; title?: string; goalIndex?: number | null; ownerUserId?: string | null; ownerText?: string; dueDate?: string | null };
type Values = { strategy?: string; roles?: string; startDate?: string | null; endDate?: string | null; goals: GoalValues[]; tasks: TaskValues[] };

/**
 * A new plan starts from the assessment (MZ/T 094—2017: 预估 → 计划): one goal per problem it found,
 * in its order, for the worker to rewrite as measurable goals, and the strategies it noted.
 */
function initialValues(c: Case, basis: PlanBasis | null): Values {
  const p = c.plan;
  if (!p) {
    const problems = basis?.problems ?? [];
    const strategies = problems.filter((x) => x.strategy).map((x) => `${x.problem}：${x.strategy}`);
    return {
      strategy: strategies.length ? strategies.join('\n') : undefined,
      startDate: beijingToday(),
      endDate: todayPlusMonths(3),
      goals: problems.length ? problems.map((x) => ({ title: x.problem.slice(0, 200) })) : [{}],
      tasks: [{ goalIndex: 0, ownerUserId: c.leadUserId }],
    };
  }
  return {
    strategy: p.strategy ?? '',
    roles: p.roles ?? '',
    startDate: p.startDate,
    endDate: p.endDate,
    goals: p.goals.map((g) => ({ id: g.id, title: g.title, indicator: g.indicator, baseline: g.baseline ?? '', target: g.target ?? '' })),
    tasks: p.tasks.map((x) => {
      const i = p.goals.findIndex((g) => g.id === x.goalId);
      return { id: x.id, title: x.title, goalIndex: i >= 0 ? i : null, ownerUserId: x.ownerUserId, ownerText: x.ownerText ?? '', dueDate: x.dueDate };
    }),
  };
}

/**
 * 服务计划 editor: strategy, roles, period; goals with a measurable indicator, baseline and target;
 * tasks with an owner (a team member or someone named), a due date and the goal they serve.
 */
export function CasePlanEditor({ c, onDone }: { c: Case; onDone: () => void }) {
  const basis = usePlanBasis(c.id);
  // The form's first values come from the assessment: it opens once that is read (or failed to be).
  if (basis.isPending) return <Spin style={{ display: 'block', padding: 24 }} />;
  return <PlanForm c={c} basis={basis.data ?? null} onDone={onDone} />;
}

function PlanForm({ c, basis, onDone }: { c: Case; basis: PlanBasis | null; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const { submit, busy } = useFormSubmit(form);
  const run = useCaseAction(c.id);
  const init = useMemo(() => initialValues(c, basis), [c, basis]);
  const prefilled = !c.plan && !!basis?.problems.length;
  const goals = (Form.useWatch('goals', form) ?? init.goals) as GoalValues[];
  const owners = c.team.filter((m) => m.active && m.userId).map((m) => ({ value: m.userId!, label: m.name, title: codeLabel(TEAM_ROLES, m.role) }));
  const goalOptions = goals.map((g, i) => ({ value: i, label: `${t('cases.plan.goal', { n: i + 1 })}${g?.title ? `${t('cases.c')}${g.title}` : ''}` }));
  const required = (label: string) => [{ required: true, whitespace: true, message: `${label}` }];

  const save = async () => {
    const v = await validatedValues(form);
    if (!v) return;
    const input = validateWith(form, casePlanInput, {
      strategy: v.strategy ?? '',
      roles: v.roles ?? '',
      startDate: v.startDate ?? null,
      endDate: v.endDate ?? null,
      goals: (v.goals ?? []).map((g) => ({ ...(g.id ? { id: g.id } : {}), title: g.title ?? '', indicator: g.indicator ?? '', baseline: g.baseline ?? '', target: g.target ?? '' })),
      tasks: (v.tasks ?? []).map((x) => ({
        ...(x.id ? { id: x.id } : {}),
        title: x.title ?? '',
        goalIndex: x.goalIndex ?? null,
        ownerUserId: x.ownerUserId ?? null,
        ownerText: x.ownerText ?? '',
        dueDate: x.dueDate ?? null,
      })),
    } satisfies CasePlanInput);
    if (!input) return;
    await submit(() => run('put', 'plan', input), { success: t('cases.plan.saved'), onSaved: onDone });
  };

  return (
    <Form<Values> form={form} layout="vertical" requiredMark="optional" initialValues={init} onFinish={() => void save()}>
      <Flex vertical gap={12}>
        {c.status === 'active' && <Typography.Text type="warning">{t('cases.plan.reviseHint')}</Typography.Text>}
        <PlanBasisCard caseId={c.id} basis={basis} showProblems={!prefilled} />
        {prefilled && <Alert type="info" showIcon title={t('assessments.basis.prefilled', { count: basis.problems.length })} />}
        <Card size="small" title={t('cases.plan.strategy')}>
          <Form.Item name="strategy" label={t('cases.plan.strategy')}>
            <Input.TextArea rows={3} maxLength={4000} showCount placeholder={t('cases.plan.strategyPlaceholder')} />
          </Form.Item>
          <Form.Item name="roles" label={t('cases.plan.roles')}>
            <Input.TextArea rows={2} maxLength={2000} showCount placeholder={t('cases.plan.rolesPlaceholder')} />
          </Form.Item>
          <Row gutter={12}>
            <Col xs={12} md={6}>
              <Form.Item name="startDate" label={t('cases.plan.startDate')} {...dateItemProps}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="endDate" label={t('cases.plan.endDate')} {...dateItemProps}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card size="small" title={t('cases.plan.goals')}>
          <Form.List name="goals">
            {(fields, { add, remove }) => (
              <Flex vertical gap={8}>
                {fields.map((f, i) => (
                  <div key={f.key} style={{ background: '#f8fafc', borderRadius: 8, padding: '10px 12px 0' }}>
                    <Flex justify="space-between" align="center" style={{ marginBottom: 6 }}>
                      <Typography.Text strong>{t('cases.plan.goal', { n: i + 1 })}</Typography.Text>
                      <Button
                        size="small"
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={`${t('app.action.delete')} ${t('cases.plan.goal', { n: i + 1 })}`}
                        onClick={() => {
                          remove(f.name);
                          // Tasks pointing at this goal or later ones shift with it.
                          const tasks = (form.getFieldValue('tasks') ?? []) as TaskValues[];
                          form.setFieldValue('tasks', tasks.map((x) => ({ ...x, goalIndex: x.goalIndex == null || x.goalIndex === i ? null : x.goalIndex > i ? x.goalIndex - 1 : x.goalIndex })));
                        }}
                      />
                    </Flex>
                    <Form.Item name={[f.name, 'title']} label={t('cases.plan.goalTitle')} required rules={required(t('cases.plan.goalTitle'))}>
                      <Input maxLength={200} placeholder={t('cases.plan.titlePlaceholder')} />
                    </Form.Item>
                    <Row gutter={12}>
                      <Col xs={24} md={10}>
                        <Form.Item name={[f.name, 'indicator']} label={t('cases.plan.indicator')} required rules={required(t('cases.plan.indicator'))}>
                          <Input maxLength={500} placeholder={t('cases.plan.indicatorPlaceholder')} />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={7}>
                        <Form.Item name={[f.name, 'baseline']} label={t('cases.plan.baseline')}>
                          <Input maxLength={200} placeholder={t('cases.plan.baselinePlaceholder')} />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={7}>
                        <Form.Item name={[f.name, 'target']} label={t('cases.plan.target')}>
                          <Input maxLength={200} placeholder={t('cases.plan.targetPlaceholder')} />
                        </Form.Item>
                      </Col>
                    </Row>
                  </div>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} disabled={fields.length >= 20}>
                  {t('cases.plan.addGoal')}
                </Button>
              </Flex>
            )}
          </Form.List>
        </Card>

        <Card size="small" title={t('cases.plan.tasks')}>
          <Form.List name="tasks">
            {(fields, { add, remove }) => (
              <Flex vertical gap={8}>
                {fields.map((f, i) => (
                  <div key={f.key} style={{ background: '#f8fafc', borderRadius: 8, padding: '10px 12px 0' }}>
                    <Row gutter={12} align="bottom">
                      <Col xs={24} md={8}>
                        <Form.Item name={[f.name, 'title']} label={`${t('cases.plan.task')} ${i + 1}`} required rules={required(t('cases.plan.task'))}>
                          <Input maxLength={300} placeholder={t('cases.plan.taskPlaceholder')} />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={6}>
                        <Form.Item name={[f.name, 'goalIndex']} label={t('cases.plan.taskGoal')}>
                          <Select allowClear options={goalOptions} popupMatchSelectWidth={false} />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={5}>
                        <Form.Item name={[f.name, 'ownerUserId']} label={t('cases.plan.owner')}>
                          <Select allowClear options={owners} popupMatchSelectWidth={false} />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={4}>
                        <Form.Item name={[f.name, 'dueDate']} label={t('cases.plan.dueDate')} {...dateItemProps}>
                          <DatePicker style={{ width: '100%' }} />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={1} style={{ textAlign: 'end', paddingBottom: 24 }}>
                        <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={`${t('app.action.delete')} ${t('cases.plan.task')} ${i + 1}`} />
                      </Col>
                    </Row>
                    <Form.Item name={[f.name, 'ownerText']} label={t('cases.plan.ownerText')} style={{ maxWidth: 420 }}>
                      <Input maxLength={100} placeholder={t('cases.plan.ownerTextPlaceholder')} />
                    </Form.Item>
                  </div>
                ))}
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ ownerUserId: c.leadUserId, goalIndex: goals.length ? goals.length - 1 : null })}
                  disabled={fields.length >= 60}
                >
                  {t('cases.plan.addTask')}
                </Button>
              </Flex>
            )}
          </Form.List>
        </Card>
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onDone}>{t('app.action.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('cases.plan.saveDraft')}
          </Button>
        </Flex>
      </Flex>
    </Form>
  );
}
