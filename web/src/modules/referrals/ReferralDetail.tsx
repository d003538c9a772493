import { PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Drawer, Flex, Form, Grid, Input, Modal, Space, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CONSENT_BASES } from '../../../../common/codes/case.codes';
import type { Referral, ReferralIntakePrefill } from '../../../../common/schemas/referrals.schema';
import { ErrorState, Loading } from '../../app/states';
import { ApiError } from '../../lib/api';
import { errorMessage } from '../../lib/feedback';
import { fmtDate, fmtDateTime } from '../../lib/format';
import { codeLabel, fieldText } from '../../lib/i18n';
import { useFormSubmit } from '../../lib/submit';
import { PartyName, ReferralStatus } from './ReferralBits';
import { intakeLink, useReferral, useReferralStep, type ReferralStep } from './referrals.api';

/**
 * The answer to one step: a note for accepting or withdrawing (optional), a reason for declining and
 * the feedback for completing (required, as the server checks).
 */
export function ReferralStepModal({ r, step, onClose }: { r: Referral; step: ReferralStep | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ text?: string }>();
  const { submit } = useFormSubmit(form);
  const run = useReferralStep();
  const [conflict, setConflict] = useState(false);
  const required = step === 'decline' || step === 'complete';
  // For a directory organisation the referring worker records the organisation's answer (代对方登记).
  const onBehalf = r.answerOnBehalf && (step === 'accept' || step === 'decline');
  const key = (k: string) => `referrals.step.${step ?? 'accept'}${onBehalf ? 'OnBehalf' : ''}${k}`;

  const save = async ({ text }: { text?: string }) => {
    if (!step) return;
    const body = { [step === 'complete' ? 'feedback' : 'note']: text?.trim() ?? '', version: r.version };
    await submit(() => run.mutateAsync({ id: r.id, step, body }), {
      success: t(key('Done')),
      onSaved: (res) => {
        form.resetFields();
        onClose();
        if (res.intake) void message.info(t('referrals.step.intakeHint'));
      },
      onConflict: () => setConflict(true),
    });
  };

  return (
    <Modal
      open={!!step}
      title={step ? t(key('Title'), { name: r.to.name }) : ''}
      okText={step ? t(key('')) : ''}
      okButtonProps={{ danger: step === 'decline' || step === 'cancel' }}
      cancelText={t('app.action.cancel')}
      onOk={() => form.submit()}
      onCancel={() => {
        setConflict(false);
        onClose();
      }}
      confirmLoading={run.isPending}
      destroyOnHidden
      mask={{ closable: false }}
    >
      {conflict && <Alert type="warning" showIcon title={errorMessage(new ApiError(409, 'version_conflict', ''))} style={{ marginBottom: 12 }} />}
      {onBehalf && <Alert type="info" showIcon title={t('referrals.step.onBehalf', { name: r.to.name })} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={save}>
        <Form.Item
          name="text"
          label={t(key('Label'))}
          rules={required ? [{ required: true, whitespace: true, message: fieldText('required') }] : []}
        >
          <Input.TextArea rows={4} maxLength={step === 'complete' ? 2000 : 1000} showCount placeholder={t(key('Placeholder'))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The buttons the server allows on a referral; a directory organisation's answer is recorded on its behalf. */
export function ReferralActions({ r, size = 'middle', onStep }: { r: Referral; size?: 'small' | 'middle'; onStep: (s: ReferralStep) => void }) {
  const { t } = useTranslation();
  const a = r.abilities;
  const answer = r.answerOnBehalf ? 'OnBehalf' : '';
  return (
    <Space size={4} wrap>
      {a.accept && <Button size={size} type="primary" onClick={() => onStep('accept')}>{t(`referrals.step.accept${answer}`)}</Button>}
      {a.decline && <Button size={size} onClick={() => onStep('decline')}>{t(`referrals.step.decline${answer}`)}</Button>}
      {a.complete && <Button size={size} type="primary" onClick={() => onStep('complete')}>{t('referrals.step.complete')}</Button>}
      {a.cancel && <Button size={size} danger onClick={() => onStep('cancel')}>{t('referrals.step.cancel')}</Button>}
    </Space>
  );
}

function Body({ r, intake }: { r: Referral; intake: ReferralIntakePrefill | null }) {
  const { t } = useTranslation();
  const [step, setStep] = useState<ReferralStep | null>(null);
  const events = [
    { key: 'sent', content: <>{t('referrals.timeline.sent', { time: fmtDateTime(r.sentAt), name: r.createdByName ?? '—' })}</> },
    ...(r.respondedAt
      ? [{
          key: 'answered',
          color: r.status === 'declined' ? 'gray' : 'green',
          content: (
            <>
              {t(`referrals.timeline.${r.status === 'declined' ? 'declined' : 'accepted'}${r.answerOnBehalf ? 'OnBehalf' : ''}`, { time: fmtDateTime(r.respondedAt), name: r.respondedByName ?? '—' })}
              {r.responseNote && <div style={{ color: '#475569', whiteSpace: 'pre-wrap' }}>{r.responseNote}</div>}
            </>
          ),
        }]
      : []),
    ...(r.status === 'cancelled'
      ? [{ key: 'cancelled', color: 'gray', content: <>{t('referrals.timeline.cancelled')}{r.responseNote && <div style={{ color: '#475569' }}>{r.responseNote}</div>}</> }]
      : []),
    ...(r.completedAt
      ? [{ key: 'completed', color: 'green', content: <>{t('referrals.timeline.completed', { time: fmtDateTime(r.completedAt) })}<div style={{ color: '#475569', whiteSpace: 'pre-wrap' }}>{r.feedback}</div></> }]
      : []),
    ...(['sent', 'accepted'].includes(r.status)
      ? [{ key: 'due', color: r.overdue ? 'red' : 'blue', content: <>{t(r.overdue ? 'referrals.timeline.overdue' : 'referrals.timeline.due', { date: fmtDate(r.feedbackDue) })}</> }]
      : []),
  ];
  return (
    <>
      {r.overdue && <Alert type="error" showIcon title={t('referrals.overdueAlert', { date: fmtDate(r.feedbackDue) })} style={{ marginBottom: 12 }} />}
      {intake && (
        <Alert
          type="success"
          showIcon
          title={t('referrals.intake.ready')}
          description={t('referrals.intake.hint')}
          action={<Link to={intakeLink(intake)}><Button type="primary" size="small">{t('referrals.intake.start')}</Button></Link>}
          style={{ marginBottom: 12 }}
        />
      )}
      <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 12 }}>
        <Space wrap>
          <ReferralStatus r={r} />
          <ReferralActions r={r} onStep={setStep} />
        </Space>
        {r.abilities.print && (
          <Link to={`/referrals/${r.id}/print`} target="_blank">
            <Button icon={<PrinterOutlined />}>{t('referrals.form.print')}</Button>
          </Link>
        )}
      </Flex>
      <Descriptions
        size="small"
        column={1}
        bordered
        styles={{ label: { width: 120 } }}
        items={[
          { key: 'client', label: t('referrals.field.client'), children: <>{r.client.name}{r.client.communityName && <Typography.Text type="secondary">（{r.client.communityName}）</Typography.Text>}</> },
          ...(r.caseNo && r.caseId ? [{ key: 'case', label: t('referrals.field.case'), children: r.caseNo }] : []),
          { key: 'from', label: t('referrals.field.from'), children: <><PartyName p={r.from} />{r.from.contactName && <Typography.Text type="secondary"> · {r.from.contactName}</Typography.Text>}</> },
          { key: 'to', label: t('referrals.field.to'), children: <><PartyName p={r.to} />{[r.to.contactName, r.to.phone].filter(Boolean).length > 0 && <div><Typography.Text type="secondary">{[r.to.contactName, r.to.phone].filter(Boolean).join(' · ')}</Typography.Text></div>}</> },
          { key: 'reason', label: t('referrals.field.reason'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{r.reason}</span> },
          ...(r.servicesRequested ? [{ key: 'services', label: t('referrals.field.servicesRequested'), children: r.servicesRequested }] : []),
          { key: 'consent', label: t('referrals.field.consentBasis'), children: codeLabel(CONSENT_BASES, r.consentBasis) },
          { key: 'due', label: t('referrals.field.feedbackDue'), children: <Typography.Text type={r.overdue ? 'danger' : undefined}>{fmtDate(r.feedbackDue)}</Typography.Text> },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('referrals.timeline.title')}
      </Typography.Title>
      <Timeline items={events} />
      <ReferralStepModal r={r} step={step} onClose={() => setStep(null)} />
    </>
  );
}

/** One referral in a drawer: parties, reason, basis, timeline; its steps; the intake to start once accepted. */
export function ReferralDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const q = useReferral(id);
  return (
    <Drawer open={!!id} onClose={onClose} title={t('referrals.detailTitle')} size={screens.md ? 560 : '100%'} destroyOnHidden>
      {q.isPending ? <Loading /> : q.error || !q.data ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> : <Body r={q.data.data} intake={q.data.intake} />}
    </Drawer>
  );
}
