import {
  ArrowLeftOutlined, AuditOutlined, CheckCircleOutlined, EditOutlined, MoreOutlined, PlusOutlined, PrinterOutlined, RedoOutlined, SendOutlined,
  StopOutlined, SwapOutlined,
} from '@ant-design/icons';
import { App, Button, Card, Dropdown, Flex, Grid, Space, Steps, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { END_REASONS } from '../../../../common/codes/case.codes';
import type { Case, CaseAbilities } from '../../../../common/schemas/cases.schema';
import { useMe } from '../../app/auth';
import { errorMessage } from '../../lib/feedback';
import { fmtDate } from '../../lib/format';
import { codeLabel } from '../../lib/i18n';
import { SexMark } from '../residents/ResidentBits';
import { DecideModal, EndCaseModal, ReopenModal, StartPlanningModal, TransferModal } from './CaseActions';
import { CASE_STEPS, CaseKindTag, CaseStatusTag, ContactOverdueTag, RiskTag, stepOf } from './CaseBits';
import { useCaseAction } from './cases.api';

export type CaseTab = 'overview' | 'assessments' | 'plan' | 'records' | 'referrals' | 'ecomap' | 'safeguarding' | 'closure' | 'followups' | 'history';
type Dialog = 'decide' | 'planning' | 'end' | 'reopen' | 'transfer' | null;

const OPEN = ['intake', 'assessment', 'planning', 'plan_review', 'active', 'closure_review'];

/** Submits the plan for the supervisor's approval, after a confirmation. */
export function useSubmitPlan(c: Case) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const run = useCaseAction(c.id);
  const me = useMe();
  // Nobody approves their own work: a supervisor submitting, or leading the case, sends it to another approver.
  const own = !!c.supervisorUserId && c.supervisorUserId !== me.id && c.supervisorUserId !== c.leadUserId;
  return () =>
    modal.confirm({
      title: t('cases.plan.submitConfirm'),
      content: own ? t('cases.plan.submitHint', { name: c.supervisorName }) : t('cases.plan.submitHintOther'),
      okText: t('cases.plan.submit'),
      cancelText: t('app.action.cancel'),
      onOk: async () => {
        try {
          await run('post', 'submit-plan');
          void message.success(t('cases.plan.submitted'));
        } catch (e) {
          void message.error(errorMessage(e));
        }
      },
    });
}

/**
 * The case's head: who, which case, where it stands among 接案→预估→计划→介入→评估→结案, what
 * comes next, and the buttons the server's abilities allow at this stage.
 */
export function CaseHeader({
  c, abilities, goTo, onAddRecord, onEditPlan, onRecordFollowup,
}: {
  c: Case;
  abilities: CaseAbilities;
  goTo: (tab: CaseTab) => void;
  onAddRecord: () => void;
  onEditPlan: () => void;
  onRecordFollowup: (followupId: string) => void;
}) {
  const { t } = useTranslation();
  const nav = useNavigate();
  const screens = Grid.useBreakpoint();
  const mobile = !screens.md;
  const [dialog, setDialog] = useState<Dialog>(null);
  const submitPlan = useSubmitPlan(c);
  const open = OPEN.includes(c.status);
  // A case ended before service stops where it was: in 计划 when it had a plan.
  const step = c.endReason && c.plan ? 2 : stepOf(c.status);
  const ended = c.status === 'declined' || c.status === 'referred_out' || c.status === 'ended';

  const buttons: React.ReactNode[] = [];
  const primary = (key: string, label: string, icon: React.ReactNode, onClick: () => void) =>
    buttons.push(<Button key={key} type="primary" icon={icon} onClick={onClick}>{label}</Button>);
  const plain = (key: string, label: string, icon: React.ReactNode, onClick: () => void) => buttons.push(<Button key={key} icon={icon} onClick={onClick}>{label}</Button>);

  if (c.status === 'intake' && abilities.lead) primary('decide', t('cases.actions.decide'), <CheckCircleOutlined />, () => setDialog('decide'));
  if (c.status === 'assessment' && abilities.work) primary('planning', t('cases.actions.startPlanning'), <SendOutlined />, () => setDialog('planning'));
  // Ending before any service (the client withdrew, moved away, died, was referred elsewhere …).
  if ((c.status === 'assessment' || c.status === 'planning') && abilities.lead) plain('end', t('cases.actions.end'), <StopOutlined />, () => setDialog('end'));
  if (c.status === 'planning' && abilities.work) {
    if (c.plan && abilities.lead) {
      plain('edit', t('cases.actions.editPlan'), <EditOutlined />, onEditPlan);
      primary('submit', t('cases.actions.submitPlan'), <SendOutlined />, submitPlan);
    } else primary('edit', c.plan ? t('cases.actions.editPlan') : t('cases.plan.create'), <EditOutlined />, onEditPlan);
  }
  // To the supervisor's review box, at the end of what is reviewed.
  const toReview = (tab: CaseTab) => {
    goTo(tab);
    setTimeout(() => document.getElementById('case-review')?.scrollIntoView({ behavior: 'smooth', block: 'center' }), 150);
  };
  if (c.status === 'plan_review' && abilities.approve) primary('reviewPlan', t('cases.actions.reviewPlan'), <AuditOutlined />, () => toReview('plan'));
  if (c.status === 'active' && abilities.work) primary('record', t('cases.actions.addRecord'), <PlusOutlined />, onAddRecord);
  if (c.status === 'active' && abilities.lead) plain('closure', t('cases.actions.requestClosure'), <CheckCircleOutlined />, () => goTo('closure'));
  if (c.status === 'closure_review' && abilities.approve) primary('reviewClosure', t('cases.actions.reviewClosure'), <AuditOutlined />, () => toReview('closure'));
  // 记录回访: the earliest visit still to do, else the follow-ups tab.
  const nextFollowup = [...c.followups].filter((f) => !f.doneAt).sort((a, b) => a.dueDate.localeCompare(b.dueDate))[0];
  if (c.status === 'closed' && abilities.followUp) {
    primary('followup', t('cases.followups.record'), <PlusOutlined />, () => {
      goTo('followups');
      if (nextFollowup) onRecordFollowup(nextFollowup.id);
    });
  }
  if (c.status === 'closed' && abilities.lead) plain('reopen', t('cases.actions.reopen'), <RedoOutlined />, () => setDialog('reopen'));

  const more = [
    ...(abilities.readFile ? [{ key: 'print', icon: <PrinterOutlined />, label: <Link to={`/cases/${c.id}/print`}>{t('cases.detail.print')}</Link> }] : []),
    ...(open && abilities.lead ? [{ key: 'transfer', icon: <SwapOutlined />, label: t('cases.actions.transfer'), onClick: () => setDialog('transfer') }] : []),
  ];

  // Who approves: the case's supervisor, or — when they lead the case or sent the work — others (or nobody yet).
  const a = c.approval;
  const nextKey = a && abilities.approve
    ? `cases.detail.next.${c.status}_approver`
    : a && !a.byOwnSupervisor
      ? a.approvers.length ? `cases.detail.next.${c.status}_others` : `cases.detail.next.${c.status}_nobody`
      : `cases.detail.next.${c.status}`;
  const next = t(nextKey, {
    name: a?.approvers[0] ?? c.supervisorName ?? t('cases.detail.noSupervisor'), names: a?.approvers.join('、') ?? '', date: fmtDate(c.closedAt),
    reason: codeLabel(END_REASONS, c.endReason),
  });

  return (
    <Card size="small" style={{ marginBottom: 12 }}>
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => ((window.history.state as { idx?: number } | null)?.idx ? nav(-1) : nav('/cases'))} style={{ paddingInline: 0 }}>
        {t('cases.detail.back')}
      </Button>
      <Flex justify="space-between" align="flex-start" gap={12} wrap>
        <div style={{ minWidth: 0 }}>
          <Flex align="center" gap={8} wrap>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {c.clientName}
            </Typography.Title>
            <SexMark sex={c.client.sex} />
            {c.client.age != null && <Typography.Text>{t('cases.ageYears', { age: c.client.age })}</Typography.Text>}
            <CaseStatusTag status={c.status} />
            <RiskTag risk={c.riskLevel} />
            <CaseKindTag kind={c.kind} restricted={c.restricted} />
            {c.juvenile && <Typography.Text type="warning">{t('cases.juvenile')}</Typography.Text>}
            {c.contactOverdue && <ContactOverdueTag risk={c.riskLevel} />}
          </Flex>
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 2 }}>
            <span className="masked">{c.caseNo}</span>
            {c.archiveNo && (
              <>
                {' · '}
                {t('cases.closure.archiveNo')}{t('cases.c')}<span className="masked">{c.archiveNo}</span>
              </>
            )}
            {' · '}
            {c.communityName} · {t('cases.detail.openedOn', { date: fmtDate(c.intakeDate) })}
            {' · '}
            {t('cases.field.lead')}{t('cases.c')}{c.leadName ?? '—'} · {t('cases.field.supervisor')}{t('cases.c')}{c.supervisorName ?? '—'}
            {c.reopenCount > 0 && ` · ${t('cases.detail.reopened', { count: c.reopenCount })}`}
          </Typography.Text>
        </div>
        <Space wrap className="no-print">
          {buttons}
          {more.length === 0 ? null : more.length === 1 && more[0].key === 'print' ? (
            <Link to={`/cases/${c.id}/print`}>
              <Button icon={<PrinterOutlined />}>{t('cases.detail.print')}</Button>
            </Link>
          ) : (
            <Dropdown menu={{ items: more }} trigger={['click']}>
              <Button icon={<MoreOutlined />} aria-label={t('cases.actions.more')}>
                {!mobile && t('cases.actions.more')}
              </Button>
            </Dropdown>
          )}
        </Space>
      </Flex>
      <div style={{ marginTop: 16, overflowX: 'auto' }}>
        <Steps
          size="small"
          responsive={false}
          type={mobile ? 'dot' : 'default'}
          titlePlacement={mobile ? 'vertical' : 'horizontal'}
          current={step}
          status={ended ? 'error' : c.status === 'closed' ? 'finish' : 'process'}
          items={CASE_STEPS.map((s) => ({ title: t(`cases.detail.steps.${s}`) }))}
          style={{ minWidth: mobile ? 340 : undefined }}
        />
      </div>
      <Typography.Paragraph type={c.status === 'plan_review' || c.status === 'closure_review' ? 'warning' : 'secondary'} style={{ margin: '12px 0 0' }}>
        {next}
        {!abilities.work && !abilities.approve && open && abilities.readFile && ` ${t('cases.detail.viewOnly')}`}
      </Typography.Paragraph>
      <DecideModal c={c} open={dialog === 'decide'} onClose={() => setDialog(null)} />
      <StartPlanningModal c={c} open={dialog === 'planning'} onClose={() => setDialog(null)} />
      <EndCaseModal c={c} open={dialog === 'end'} onClose={() => setDialog(null)} />
      <ReopenModal c={c} open={dialog === 'reopen'} onClose={() => setDialog(null)} />
      <TransferModal c={c} open={dialog === 'transfer'} onClose={() => setDialog(null)} />
    </Card>
  );
}
