import { Alert, App, Button, DatePicker, Divider, Drawer, Flex, Form, Grid, Input, Select, Space, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { TEAM_ROLES } from '../../../../common/codes/case.codes';
import { checkAnswers, nextDueDate } from '../../../../common/assessments/instruments.scoring';
import type { FieldIssue } from '../../../../common/schemas/issues';
import { useMe } from '../../app/auth';
import { Loading } from '../../app/states';
import { ApiError } from '../../lib/api';
import { errorMessage } from '../../lib/feedback';
import { beijingToday, dateItemProps, isAfterToday } from '../../lib/format';
import { codeLabel, fieldText } from '../../lib/i18n';
import { useCase } from '../cases/cases.api';
import { ResultPanel } from './AssessmentResultView';
import { useCreateAssessment, useInstrument, useInstruments } from './assessments.api';
import { instrumentName, loc, namePathOf } from './assessments.format';
import { InstrumentForm, useLiveResult } from './InstrumentForm';

type Values = {
  instrumentId?: string;
  assessedOn: string;
  assessorIds: string[];
  otherAssessor?: string;
  informant?: string;
  summary?: string;
  answers?: Record<string, unknown>;
};

/**
 * Brings the first field in error into view. By the DOM rather than form.scrollToField: a list
 * item's own error (too few rows) belongs to a Form.List, which has no element of its own.
 */
function scrollToFirstError() {
  setTimeout(() => document.querySelector('.assessment-form .ant-form-item-explain-error')?.scrollIntoView({ block: 'center', behavior: 'smooth' }), 50);
}

/** Puts field problems (ours or the server's) on the form, under the paths the API names. */
function markIssues(form: FormInstance, issues: { field?: string; code: string; message?: string }[], tooFew: string) {
  const byPath = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const i of issues) {
    if (!i.field) continue;
    const name = namePathOf(i.field);
    const text = i.field === 'assessorIds' && i.code === 'too_short' ? tooFew : fieldText(i.code);
    const entry = byPath.get(name.join('.')) ?? { name, errors: [] };
    entry.errors.push(text);
    byPath.set(name.join('.'), entry);
  }
  const fields = [...byPath.values()];
  form.setFields(fields);
  if (fields.length) scrollToFirstError();
  return fields.length > 0;
}

/**
 * 新建预估: choose an instrument, fill the form rendered from its definition while the score and
 * level are computed live, name the assessors (case team users, at least the instrument's minimum,
 * MZ/T 039 §4.3.1) and save. The server checks and scores the answers again.
 */
export function AssessmentCreateDrawer({ caseId, open, onClose, onSaved }: { caseId: string; open: boolean; onClose: () => void; onSaved: (id: string) => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const screens = Grid.useBreakpoint();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const instruments = useInstruments(open);
  const instrumentId = Form.useWatch('instrumentId', form);
  const instrument = useInstrument(instrumentId);
  const definition = instrument.data?.definition;
  const result = useLiveResult(definition, form);
  const assessedOn = Form.useWatch('assessedOn', form);
  const theCase = useCase(open ? caseId : undefined);
  const create = useCreateAssessment(caseId);
  const today = beijingToday();

  const team = (theCase.data?.data.team ?? []).filter((m) => m.active && m.userId);
  const onTeam = team.some((m) => m.userId === me.id);
  const min = definition?.minAssessors ?? 1;
  const tooFew = t('assessments.form.tooFewAssessors', { n: min });

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ assessedOn: today, assessorIds: [] });
  }, [open, form, today]);
  // The worker who records is usually an assessor: put them in once the team is known.
  useEffect(() => {
    if (open && onTeam && !form.isFieldTouched('assessorIds') && !(form.getFieldValue('assessorIds') ?? []).length) form.setFieldValue('assessorIds', [me.id]);
  }, [open, onTeam, me.id, form]);

  const close = () => {
    if (!form.isFieldsTouched()) return onClose();
    modal.confirm({
      title: t('assessments.form.discardTitle'),
      content: t('assessments.form.discardHint'),
      okText: t('assessments.form.discard'),
      okButtonProps: { danger: true },
      cancelText: t('app.action.cancel'),
      onOk: onClose,
    });
  };

  const save = async () => {
    try {
      await form.validateFields();
    } catch {
      scrollToFirstError();
      return;
    }
    if (!definition || !instrumentId) return;
    const v = form.getFieldsValue(true) as Values;
    const checked = checkAnswers({ definition, answers: v.answers ?? {} });
    if (checked.issues.length) {
      markIssues(form, checked.issues, tooFew);
      void message.warning(t('assessments.form.checkAnswers'));
      return;
    }
    if ((v.assessorIds?.length ?? 0) + (v.otherAssessor?.trim() ? 1 : 0) < min) {
      markIssues(form, [{ field: 'assessorIds', code: 'too_short' }], tooFew);
      return;
    }
    try {
      const a = await create.mutateAsync({
        instrumentId,
        assessedOn: v.assessedOn,
        answers: checked.answers,
        summary: v.summary ?? null,
        assessorIds: v.assessorIds ?? [],
        otherAssessor: v.otherAssessor ?? null,
        informant: v.informant ?? null,
      });
      void message.success(t('assessments.form.saved'));
      onSaved(a.id);
    } catch (e) {
      const issues = e instanceof ApiError && Array.isArray(e.details) ? (e.details as FieldIssue[]) : [];
      if (!markIssues(form, issues, tooFew)) void message.error(errorMessage(e));
    }
  };

  const chosen = instruments.data?.data.find((i) => i.id === instrumentId);
  const due = definition && assessedOn ? nextDueDate({ definition, assessedOn }) : null;

  return (
    <Drawer
      open={open}
      onClose={close}
      title={t('assessments.form.title')}
      size={screens.lg ? 880 : screens.md ? 720 : '100%'}
      destroyOnHidden
      mask={{ closable: false }}
      footer={
        <Flex justify="space-between" align="center" gap={8} wrap>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {result?.level ? `${loc(result.level.label)}：${loc(result.level.valueLabel)}` : definition?.level ? t('assessments.form.incomplete') : ''}
            {due && ` · ${t('assessments.form.nextDue', { date: due })}`}
          </Typography.Text>
          <Space>
            <Button onClick={close}>{t('app.action.cancel')}</Button>
            <Button type="primary" loading={create.isPending} disabled={!definition} onClick={() => void save()}>
              {t('app.action.save')}
            </Button>
          </Space>
        </Flex>
      }
    >
      <Form form={form} layout="vertical" requiredMark="optional" className="assessment-form">
        <Form.Item
          name="instrumentId"
          label={t('assessments.form.instrument')}
          required
          rules={[{ required: true, message: fieldText('required') }]}
          extra={
            chosen &&
            (chosen.reassessMonths
              ? t('assessments.form.instrumentInfoDue', { n: chosen.minAssessors, months: chosen.reassessMonths })
              : t('assessments.form.instrumentInfo', { n: chosen.minAssessors }))
          }
        >
          <Select
            loading={instruments.isPending}
            placeholder={t('assessments.form.instrumentPlaceholder')}
            options={(instruments.data?.data ?? []).map((i) => ({ value: i.id, label: `${instrumentName(i)}${i.basis ? `（${i.basis}）` : ''}` }))}
            onChange={() => form.setFieldValue('answers', {})}
          />
        </Form.Item>
        {instruments.error && <Alert type="error" showIcon title={errorMessage(instruments.error)} style={{ marginBottom: 16 }} />}
        {definition?.description && <Alert type="info" showIcon title={loc(definition.description)} style={{ marginBottom: 16 }} />}

        <Flex gap={16} wrap>
          <Form.Item name="assessedOn" label={t('assessments.form.assessedOn')} required rules={[{ required: true, message: fieldText('required') }]} {...dateItemProps}>
            <DatePicker allowClear={false} disabledDate={isAfterToday} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="informant" label={t('assessments.form.informant')} extra={t('assessments.form.informantHint')} style={{ flex: '1 1 240px' }}>
            <Input maxLength={50} />
          </Form.Item>
        </Flex>
        <Flex gap={16} wrap>
          <Form.Item
            name="assessorIds"
            label={t('assessments.form.assessors')}
            extra={t('assessments.form.assessorsHint', { n: min })}
            required={min > 0}
            style={{ flex: '1 1 300px' }}
          >
            <Select
              mode="multiple"
              loading={theCase.isPending}
              options={team.map((m) => ({ value: m.userId!, label: `${m.name}（${codeLabel(TEAM_ROLES, m.role)}）` }))}
              onChange={() => form.setFields([{ name: 'assessorIds', errors: [] }])}
            />
          </Form.Item>
          <Form.Item name="otherAssessor" label={t('assessments.form.otherAssessor')} extra={t('assessments.form.otherAssessorHint')} style={{ flex: '1 1 240px' }}>
            <Input maxLength={50} onChange={() => form.setFields([{ name: 'assessorIds', errors: [] }])} />
          </Form.Item>
        </Flex>
        {theCase.error && <Alert type="warning" showIcon title={t('assessments.form.teamError')} style={{ marginBottom: 16 }} />}

        <Divider style={{ margin: '4px 0 16px' }} />
        {!instrumentId ? (
          <Typography.Paragraph type="secondary">{t('assessments.form.chooseFirst')}</Typography.Paragraph>
        ) : instrument.isPending ? (
          <Loading />
        ) : instrument.error || !definition ? (
          <Alert type="error" showIcon title={errorMessage(instrument.error)} />
        ) : (
          <Flex vertical gap={16}>
            <InstrumentForm key={instrumentId} definition={definition} result={result} />
            {result && (
              <Alert
                type="success"
                title={t('assessments.form.liveResult')}
                description={<ResultPanel result={result} definition={definition} incomplete={t('assessments.form.incomplete')} />}
              />
            )}
            <Form.Item name="summary" label={t('assessments.form.summary')}>
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={4000} placeholder={t('assessments.form.summaryPlaceholder')} />
            </Form.Item>
          </Flex>
        )}
      </Form>
    </Drawer>
  );
}
