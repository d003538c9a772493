import { App, Alert, Button, Flex, Form, Input, Modal, Radio, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { END_REASONS } from '../../../../common/codes/case.codes';
import type { Case } from '../../../../common/schemas/cases.schema';
import { codeOptions } from '../../lib/i18n';
import { errorMessage } from '../../lib/feedback';
import { useFormSubmit, validatedValues } from '../../lib/submit';
import { CasePlanBasis } from '../assessments/PlanBasisCard';
import { useCaseAction, useCaseWorkers } from './cases.api';

type ModalProps = { c: Case; open: boolean; onClose: () => void };

/** A modal with one form that posts to one action of the case. */
function ActionModal<V extends object>({
  open, onClose, title, okText, danger, children, form, submit,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  okText?: string;
  danger?: boolean;
  children: React.ReactNode;
  form: ReturnType<typeof Form.useForm<V>>[0];
  submit: (v: V) => Promise<string | void>;
}) {
  const { t } = useTranslation();
  const { submit: run, busy } = useFormSubmit(form);
  const ok = async () => {
    const v = await validatedValues(form);
    if (!v) return;
    await run(() => submit(v), { success: (done) => done, onSaved: onClose });
  };
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      onOk={() => void ok()}
      okText={okText ?? t('app.action.confirm')}
      okButtonProps={{ loading: busy, danger }}
      cancelText={t('app.action.cancel')}
      destroyOnHidden
      forceRender={false}
    >
      <Form form={form} layout="vertical" preserve={false} onFinish={() => void ok()}>
        {children}
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}

/** 接案决定: accept (→ 预估), refer out or decline, with the reason for the last two. */
export function DecideModal({ c, open, onClose }: ModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ decision: 'accept' | 'refer_out' | 'decline'; reason?: string }>();
  const run = useCaseAction(c.id);
  const decision = Form.useWatch('decision', form) ?? 'accept';
  return (
    <ActionModal
      open={open}
      onClose={onClose}
      title={t('cases.decide.title')}
      form={form}
      danger={decision !== 'accept'}
      submit={async (v) => {
        await run('post', 'decide', { decision: v.decision, reason: v.reason ?? '' });
        return t('cases.decide.done');
      }}
    >
      <Form.Item name="decision" label={t('cases.decide.decision')} initialValue="accept">
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={(['accept', 'refer_out', 'decline'] as const).map((k) => ({ value: k, label: t(`cases.decide.${k}`) }))}
        />
      </Form.Item>
      <Alert
        type={decision === 'accept' ? 'success' : 'warning'}
        showIcon
        style={{ marginBottom: 16 }}
        title={decision === 'accept' ? t('cases.decide.acceptHint') : decision === 'refer_out' ? t('cases.decide.referHint') : t('cases.decide.declineHint')}
      />
      <Form.Item
        name="reason"
        label={t('cases.decide.reason')}
        required={decision !== 'accept'}
        rules={[{ validator: async (_r, v?: string) => { if (decision !== 'accept' && !v?.trim()) throw new Error(t('cases.decide.reasonRequired')); } }]}
      >
        <Input.TextArea rows={3} maxLength={1000} showCount />
      </Form.Item>
    </ActionModal>
  );
}

/** 预估 → 计划: the assessment the plan starts from is shown, not asked for again. */
export function StartPlanningModal({ c, open, onClose }: ModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const run = useCaseAction(c.id);
  return (
    <ActionModal
      open={open}
      onClose={onClose}
      title={t('cases.startPlanning.title')}
      form={form}
      submit={async () => {
        await run('post', 'start-planning', {});
        return t('cases.startPlanning.done');
      }}
    >
      <Typography.Paragraph type="secondary">{t('cases.startPlanning.hint')}</Typography.Paragraph>
      <CasePlanBasis caseId={c.id} />
    </ActionModal>
  );
}

/**
 * Ends a case in 预估 or 计划 before any service, with a reason from the list and the worker's note
 * (kept in the history). A referral elsewhere leaves the case 已转出, any other reason 已终止.
 */
export function EndCaseModal({ c, open, onClose }: ModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string; note: string }>();
  const run = useCaseAction(c.id);
  return (
    <ActionModal
      open={open}
      onClose={onClose}
      title={t('cases.end.title')}
      okText={t('cases.end.submit')}
      danger
      form={form}
      submit={async (v) => {
        await run('post', 'end', v);
        return t('cases.end.done');
      }}
    >
      <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('cases.end.hint')} />
      <Form.Item name="reason" label={t('cases.end.reason')} rules={[{ required: true, message: t('cases.end.reasonRequired') }]}>
        <Select options={codeOptions(END_REASONS)} placeholder={t('cases.end.reasonRequired')} />
      </Form.Item>
      <Form.Item name="note" label={t('cases.end.note')} rules={[{ required: true, whitespace: true, message: t('cases.end.noteRequired') }]}>
        <Input.TextArea rows={3} maxLength={1000} showCount placeholder={t('cases.end.notePlaceholder')} />
      </Form.Item>
    </ActionModal>
  );
}

/** 重新开案 of a closed case, with its reason. */
export function ReopenModal({ c, open, onClose }: ModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const run = useCaseAction(c.id);
  return (
    <ActionModal
      open={open}
      onClose={onClose}
      title={t('cases.reopen.title')}
      form={form}
      submit={async (v) => {
        await run('post', 'reopen', { reason: v.reason });
        return t('cases.reopen.done');
      }}
    >
      <Typography.Paragraph type="secondary">{t('cases.reopen.hint')}</Typography.Paragraph>
      <Form.Item name="reason" label={t('cases.reopen.reason')} rules={[{ required: true, whitespace: true, message: t('cases.decide.reasonRequired') }]}>
        <Input.TextArea rows={3} maxLength={1000} showCount />
      </Form.Item>
    </ActionModal>
  );
}

/** 移交: another worker of the community becomes the lead, with a handover note. */
export function TransferModal({ c, open, onClose }: ModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ toUserId: string; handoverNote: string }>();
  const run = useCaseAction(c.id);
  // Workers who may lead the case (with sight of restricted data for a restricted case).
  const workers = useCaseWorkers(c.communityId, { teamRole: 'lead', restricted: c.restricted }, open);
  const options = (workers.data ?? []).filter((w) => w.id !== c.leadUserId && w.role === 'worker');
  return (
    <ActionModal
      open={open}
      onClose={onClose}
      title={t('cases.transfer.title')}
      form={form}
      okText={t('cases.actions.transfer')}
      submit={async (v) => {
        await run('post', 'transfer', v);
        return t('cases.transfer.done', { name: options.find((w) => w.id === v.toUserId)?.displayName ?? '' });
      }}
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('cases.transfer.hint')} />
      <Form.Item name="toUserId" label={t('cases.transfer.toUser')} rules={[{ required: true, message: t('cases.transfer.toUser') }]}>
        <Select
          loading={workers.isFetching}
          placeholder={options.length || workers.isFetching ? undefined : t('cases.transfer.noWorkers')}
          notFoundContent={t('cases.transfer.noWorkers')}
          options={options.map((w) => ({ value: w.id, label: `${w.displayName}（${t('cases.team.caseload', { count: w.caseload })}）` }))}
        />
      </Form.Item>
      <Form.Item name="handoverNote" label={t('cases.transfer.handoverNote')} rules={[{ required: true, whitespace: true, message: t('cases.transfer.handoverNote') }]}>
        <Input.TextArea rows={5} maxLength={2000} showCount placeholder={t('cases.transfer.handoverPlaceholder')} />
      </Form.Item>
    </ActionModal>
  );
}

/**
 * The supervisor's decision on a plan or a closure: a comment, then 批准 or 退回修改 (which needs
 * the comment). Both ask for confirmation: the case moves on.
 */
export function ReviewPanel({ c, what }: { c: Case; what: 'plan' | 'closure' }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const run = useCaseAction(c.id);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState<'approve' | 'return' | null>(null);
  const path = what === 'plan' ? 'review-plan' : 'review-closure';
  const decide = (approve: boolean) => {
    if (!approve && !comment.trim()) {
      setError(t('cases.review.commentRequired'));
      return;
    }
    setError(null);
    modal.confirm({
      title: approve ? t(what === 'plan' ? 'cases.review.approvePlanConfirm' : 'cases.review.approveClosureConfirm') : t('cases.review.returnConfirm'),
      content: approve ? t(what === 'plan' ? 'cases.review.approvePlanHint' : 'cases.review.approveClosureHint') : undefined,
      okText: approve ? t('cases.review.approve') : t('cases.review.return'),
      cancelText: t('app.action.cancel'),
      okButtonProps: { danger: !approve },
      onOk: async () => {
        setBusy(approve ? 'approve' : 'return');
        setRefusal(null);
        try {
          await run('post', path, { approve, comment });
          void message.success(approve ? t('cases.review.approved') : t('cases.review.returned'));
          setComment('');
        } catch (e) {
          // Kept in sight, not in a passing toast: a refusal such as cases.no_fonds says whom to ask.
          setRefusal(errorMessage(e));
        } finally {
          setBusy(null);
        }
      },
    });
  };
  return (
    <div>
      <Typography.Text strong style={{ display: 'block', marginBottom: 6 }}>
        {t('cases.review.comment')}
      </Typography.Text>
      <Input.TextArea
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        rows={3}
        maxLength={2000}
        showCount
        status={error ? 'error' : undefined}
        placeholder={t('cases.review.commentPlaceholder')}
        aria-label={t('cases.review.comment')}
      />
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
      {refusal && <Alert type="error" showIcon title={refusal} style={{ marginTop: 16 }} />}
      <Flex justify="flex-end" style={{ marginTop: 24 }}>
        <Space wrap>
          <Button danger loading={busy === 'return'} onClick={() => decide(false)}>
            {t('cases.review.return')}
          </Button>
          <Button type="primary" loading={busy === 'approve'} onClick={() => decide(true)}>
            {t('cases.review.approve')}
          </Button>
        </Space>
      </Flex>
    </div>
  );
}
