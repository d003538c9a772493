import { DeleteOutlined, FileDoneOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Empty, Flex, Form, Input, Row, Select, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CLOSURE_REASONS, END_REASONS, GOAL_ATTAINMENTS, RETENTION_PERIODS } from '../../../../common/codes/case.codes';
import { closureRequestInput, type Case, type CaseAbilities } from '../../../../common/schemas/cases.schema';
import { ApiError } from '../../lib/api';
import { errorMessage } from '../../lib/feedback';
import { dateItemProps, fmtDateTime, isAfterToday, todayPlusMonths } from '../../lib/format';
import { showServerErrors, validateWith, type IssueText } from '../../lib/forms';
import { codeLabel, codeOptions } from '../../lib/i18n';
import { validatedValues } from '../../lib/submit';
import { ReviewPanel } from './CaseActions';
import { Paragraphs } from './CaseBits';
import { OpenReferralsAlert, useOpenReferrals } from '../referrals/OpenReferralsAlert';
import type { CaseTab } from './CaseHeader';
import { useCaseAction, useCaseEvents } from './cases.api';

const ATTAINMENT_COLORS: Record<string, string> = { achieved: 'green', mostly: 'cyan', partly: 'orange', not_achieved: 'red' };

type Values = {
  goals: Record<string, { attainment?: string; note?: string }>;
  clientFeedback?: string;
  closureReason?: string;
  closureSummary?: string;
  openTasksNote?: string;
  openReferralsNote?: string;
  followupDates: (string | null)[];
};

/** 结案评估: attainment per goal, feedback, reason, summary, why open tasks stay open, follow-up dates. */
function ClosureRequestForm({ c, goTo }: { c: Case; goTo: (tab: CaseTab) => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const run = useCaseAction(c.id);
  const goals = c.plan?.goals ?? [];
  const openTasks = c.plan?.tasks.filter((x) => x.status === 'open') ?? [];
  const referrals = useOpenReferrals(c.id);
  const initial: Values = useMemo(
    () => ({
      goals: Object.fromEntries(goals.map((g) => [g.id, { attainment: g.attainment ?? undefined, note: g.attainmentNote ?? '' }])),
      closureReason: 'goals_met',
      clientFeedback: c.clientFeedback ?? '',
      closureSummary: c.closureSummary ?? '',
      openTasksNote: c.openTasksNote ?? '',
      openReferralsNote: c.openReferralsNote ?? '',
      followupDates: [todayPlusMonths(1)],
    }),
    [goals, c],
  );

  const submit = async (v: Values) => {
    const input = validateWith(form, closureRequestInput, {
      goals: goals.map((g) => ({ goalId: g.id, attainment: v.goals?.[g.id]?.attainment, note: v.goals?.[g.id]?.note ?? '' })),
      clientFeedback: v.clientFeedback ?? '',
      closureReason: v.closureReason,
      closureSummary: v.closureSummary ?? '',
      openTasksNote: openTasks.length ? (v.openTasksNote ?? '') : '',
      openReferralsNote: referrals.open.length ? (v.openReferralsNote ?? '') : '',
      followupDates: (v.followupDates ?? []).filter((d): d is string => !!d),
    });
    if (!input) return;
    setBusy(true);
    try {
      await run('post', 'request-closure', input);
      void message.success(t('cases.closure.submitted'));
    } catch (e) {
      // The open-tasks note in this form's words; when the field is not on screen (the page's plan is out
      // of date), nothing is marked and the reason comes as a message.
      const openTasksText: IssueText = (i) =>
        (i.field === 'openTasksNote' || i.field === 'openReferralsNote') && i.code === 'required' ? t('cases.closure.openTasksRequired') : undefined;
      if (!showServerErrors(form, e, openTasksText) || (e instanceof ApiError && e.code === 'validation.failed')) void message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const save = async () => {
    const v = await validatedValues(form);
    if (!v) return;
    modal.confirm({
      title: t('cases.closure.submitConfirm'),
      content: t('cases.closure.submitHint', { name: c.supervisorName ?? t('cases.detail.noSupervisor') }),
      okText: t('cases.closure.submit'),
      cancelText: t('app.action.cancel'),
      onOk: () => submit(v),
    });
  };

  return (
    <Form<Values> form={form} layout="vertical" requiredMark="optional" initialValues={initial} onFinish={() => void save()}>
      <Flex vertical gap={12}>
        <Card size="small" title={t('cases.closure.goals')}>
          {goals.length === 0 && <Typography.Text type="secondary">{t('cases.closure.noGoals')}</Typography.Text>}
          {goals.map((g, i) => (
            <div key={g.id} style={{ background: '#f8fafc', borderRadius: 8, padding: '10px 12px 0', marginBottom: 8 }}>
              <Typography.Text strong>
                {t('cases.plan.goal', { n: i + 1 })}{t('cases.c')}{g.title}
              </Typography.Text>
              <div style={{ fontSize: 13, color: '#475569', margin: '2px 0 8px' }}>
                {t('cases.plan.indicator')}{t('cases.c')}{g.indicator}
                {(g.baseline || g.target) && ` · ${t('cases.plan.baseline')} ${g.baseline || '—'} → ${t('cases.plan.target')} ${g.target || '—'}`}
              </div>
              <Row gutter={12}>
                <Col xs={24} md={9}>
                  <Form.Item name={['goals', g.id, 'attainment']} label={t('cases.plan.attainment')} required rules={[{ required: true, message: t('cases.plan.attainment') }]}>
                    <Select options={codeOptions(GOAL_ATTAINMENTS)} placeholder={t('cases.closure.pickAttainment')} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={15}>
                  <Form.Item name={['goals', g.id, 'note']} label={t('cases.closure.attainmentNote')}>
                    <Input maxLength={500} />
                  </Form.Item>
                </Col>
              </Row>
            </div>
          ))}
        </Card>
        <Card size="small" title={t('cases.closure.request')}>
          <Form.Item name="clientFeedback" label={t('cases.closure.clientFeedback')}>
            <Input.TextArea rows={3} maxLength={2000} showCount placeholder={t('cases.closure.clientFeedbackPlaceholder')} />
          </Form.Item>
          <Form.Item name="closureReason" label={t('cases.closure.closureReason')} required rules={[{ required: true, message: t('cases.closure.closureReason') }]} style={{ maxWidth: 360 }}>
            <Select options={codeOptions(CLOSURE_REASONS)} />
          </Form.Item>
          <Form.Item name="closureSummary" label={t('cases.closure.closureSummary')} required rules={[{ required: true, whitespace: true, message: t('cases.closure.closureSummary') }]}>
            <Input.TextArea rows={5} maxLength={4000} showCount placeholder={t('cases.closure.summaryPlaceholder')} />
          </Form.Item>
          {openTasks.length > 0 && (
            <>
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 12 }}
                title={t('cases.closure.openTasksAlert', { count: openTasks.length })}
                description={
                  <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                    {openTasks.map((x) => (
                      <li key={x.id}>{x.title}</li>
                    ))}
                  </ul>
                }
                action={<Button size="small" onClick={() => goTo('plan')}>{t('cases.detail.tabs.plan')}</Button>}
              />
              <Form.Item name="openTasksNote" label={t('cases.closure.openTasksNote')} required rules={[{ required: true, whitespace: true, message: t('cases.closure.openTasksRequired') }]}>
                <Input.TextArea rows={2} maxLength={1000} placeholder={t('cases.closure.openTasksPlaceholder')} />
              </Form.Item>
            </>
          )}
          {referrals.open.length > 0 && (
            <>
              <OpenReferralsAlert referrals={referrals.open} onFollowUp={() => goTo('referrals')} />
              <Form.Item name="openReferralsNote" label={t('cases.closure.openReferralsNote')} required rules={[{ required: true, whitespace: true, message: t('cases.closure.openTasksRequired') }]}>
                <Input.TextArea rows={2} maxLength={1000} placeholder={t('cases.closure.openReferralsPlaceholder')} />
              </Form.Item>
            </>
          )}
          <Form.Item label={t('cases.closure.followupDates')} extra={t('cases.closure.followupHint')}>
            <Form.List name="followupDates">
              {(fields, { add, remove }) => (
                <Flex gap={8} wrap align="center">
                  {fields.map((f) => (
                    <Flex key={f.key} gap={2} align="center">
                      <Form.Item name={f.name} noStyle {...dateItemProps}>
                        <DatePicker disabledDate={(d) => !isAfterToday(d)} style={{ width: 150 }} />
                      </Form.Item>
                      <Button type="text" size="small" icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('app.action.delete')} />
                    </Flex>
                  ))}
                  {fields.length < 6 && (
                    <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => add(todayPlusMonths(fields.length + 1))}>
                      {t('cases.closure.addFollowup')}
                    </Button>
                  )}
                </Flex>
              )}
            </Form.List>
          </Form.Item>
        </Card>
        <Flex justify="flex-end">
          {/* The referrals still open are asked about before the request goes: it waits for their list. */}
          <Button type="primary" htmlType="submit" icon={<SendOutlined />} loading={busy} disabled={referrals.loading}>
            {t('cases.closure.submit')}
          </Button>
        </Flex>
      </Flex>
    </Form>
  );
}

/** What the worker put forward at closure: attainment, feedback, reason, summary. */
export function ClosureSummary({ c }: { c: Case }) {
  const { t } = useTranslation();
  const goals = c.plan?.goals ?? [];
  return (
    <Flex vertical gap={12}>
      {goals.length > 0 && (
        <div>
          <Typography.Text strong>{t('cases.closure.goals')}</Typography.Text>
          {goals.map((g, i) => (
            <Flex key={g.id} gap={8} align="center" wrap style={{ padding: '6px 0', borderBottom: '1px solid #f1f5f9' }}>
              <span style={{ flex: 1, minWidth: 200 }}>
                {t('cases.plan.goal', { n: i + 1 })}{t('cases.c')}{g.title}
                {g.attainmentNote && <Typography.Text type="secondary">（{g.attainmentNote}）</Typography.Text>}
              </span>
              {g.attainment ? <Tag color={ATTAINMENT_COLORS[g.attainment]}>{codeLabel(GOAL_ATTAINMENTS, g.attainment)}</Tag> : <Typography.Text type="secondary">—</Typography.Text>}
            </Flex>
          ))}
        </div>
      )}
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'reason', label: t('cases.closure.closureReason'), children: codeLabel(CLOSURE_REASONS, c.closureReason) || '—' },
          { key: 'feedback', label: t('cases.closure.clientFeedback'), children: <Paragraphs text={c.clientFeedback} /> },
          { key: 'summary', label: t('cases.closure.closureSummary'), children: <Paragraphs text={c.closureSummary} /> },
          ...(c.openTasksNote ? [{ key: 'open', label: t('cases.closure.openTasksNote'), children: <Paragraphs text={c.openTasksNote} /> }] : []),
          ...(c.openReferralsNote ? [{ key: 'referrals', label: t('cases.closure.openReferralsNote'), children: <Paragraphs text={c.openReferralsNote} /> }] : []),
          ...(c.closureRequestedAt ? [{ key: 'at', label: t('cases.closure.requestedAtLabel'), children: fmtDateTime(c.closureRequestedAt) }] : []),
        ]}
      />
    </Flex>
  );
}

/** The latest closure return (its comment), unless the case moved on since. */
function useClosureReturn(c: Case) {
  const events = useCaseEvents(c.id, c.status === 'active');
  if (c.status !== 'active') return null;
  const relevant = (events.data?.data ?? [])
    .filter((e) => ['cases.closure_return', 'cases.closure_request', 'cases.reopen', 'cases.closure_approve'].includes(e.action))
    .sort((a, b) => b.at.localeCompare(a.at))[0];
  return relevant?.action === 'cases.closure_return' ? relevant : null;
}

/** 评估与结案: the request (lead), the supervisor's review, and once closed the 档号. */
export function CaseClosureTab({ c, abilities, goTo }: { c: Case; abilities: CaseAbilities; goTo: (tab: CaseTab) => void }) {
  const { t } = useTranslation();
  const returned = useClosureReturn(c);

  if (c.status === 'closed' || (c.archiveNo && c.status !== 'closure_review')) {
    return (
      <Flex vertical gap={12}>
        {c.status === 'closed' && (
          <Card size="small" title={<span><FileDoneOutlined style={{ color: '#0f766e', marginInlineEnd: 6 }} />{t('cases.closure.closedTitle')}</span>} style={{ borderColor: '#99f6e4' }} styles={{ header: { background: '#f0fdfa' } }}>
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 2 }}
              items={[
                { key: 'archiveNo', label: t('cases.closure.archiveNo'), children: <Typography.Text strong className="masked" copyable>{c.archiveNo ?? '—'}</Typography.Text> },
                { key: 'retention', label: t('cases.closure.retention'), children: codeLabel(RETENTION_PERIODS, c.retention) || '—' },
                { key: 'closedAt', label: t('cases.closure.closedAt'), children: fmtDateTime(c.closedAt) },
                { key: 'closedBy', label: t('cases.closure.closedBy'), children: c.closedByName ?? '—' },
              ]}
            />
          </Card>
        )}
        <Card size="small" title={t('cases.closure.evaluation')}>
          <ClosureSummary c={c} />
        </Card>
      </Flex>
    );
  }

  if (c.status === 'closure_review') {
    return (
      <Flex vertical gap={12}>
        <Alert type="info" showIcon title={t('cases.closure.waiting')} />
        <Card size="small" title={t('cases.closure.evaluation')}>
          <ClosureSummary c={c} />
        </Card>
        {abilities.approve && (
          <Card id="case-review" size="small" title={t('cases.closure.reviewTitle')} style={{ borderColor: '#fcd34d' }} styles={{ header: { background: '#fffbeb' } }}>
            <ReviewPanel c={c} what="closure" />
          </Card>
        )}
      </Flex>
    );
  }

  if (c.status === 'active') {
    return (
      <Flex vertical gap={12}>
        {returned && (
          <Alert
            type="warning"
            showIcon
            title={t('cases.closure.returnedTitle')}
            description={<>{returned.note && <Paragraphs text={returned.note} />}<Typography.Text type="secondary" style={{ fontSize: 12 }}>{returned.actorName} · {fmtDateTime(returned.at)}</Typography.Text></>}
          />
        )}
        {abilities.lead ? <ClosureRequestForm c={c} goTo={goTo} /> : <Alert type="info" showIcon title={t('cases.closure.leadOnly')} />}
      </Flex>
    );
  }

  return <Empty description={['declined', 'referred_out', 'ended'].includes(c.status) ? t(`cases.detail.next.${c.status}`, { reason: codeLabel(END_REASONS, c.endReason) }) : t('cases.closure.notReady')} />;
}

