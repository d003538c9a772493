import { DeleteOutlined, LockOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Flex, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CORRECTION_TYPES, REHAB_SERIOUS, REHAB_TYPES } from '../../../../common/codes/case.codes';
import { chinaToday } from '../../../../common/dates';
import {
  CORRECTION_FIELDS, REHAB_FIELDS, rehabDateProblems, rehabTermMaxEnd, restrictedDetailsInput, seriousViolation, type RehabDateProblem,
  type RestrictedDetails as Details,
} from '../../../../common/schemas/safeguarding.schema';
import { ErrorState, Loading } from '../../app/states';
import { dateItemProps, fmtDate, fmtDateTime, isAfterToday } from '../../lib/format';
import { validateWith, zodRule } from '../../lib/forms';
import { codeOptions, fieldText } from '../../lib/i18n';
import { useFormSubmit } from '../../lib/submit';
import { useRestrictedDetails, useSaveDetails } from './safeguarding.api';

type Kind = 'correction' | 'drug_rehab';
const required = { required: true, message: fieldText('required') };
const half = { flex: '1 1 200px', minWidth: 0 };

const valuesOf = (d: Details) => ({
  correctionType: d.correctionType, termStart: d.termStart, termEnd: d.termEnd, teamMembers: d.teamMembers, impactReports: d.impactReports,
  rehabType: d.rehabType, reportDate: d.reportDate, agreementDate: d.agreementDate, leaveReports: d.leaveReports,
  // Typed only for 社区康复; 社区戒毒's end follows from the report date.
  rehabTermEnd: d.rehabType === 'community_rehab' ? d.rehabTermEnd : null,
  testRefusals: d.testRefusals, unauthorizedLeaves: d.unauthorizedLeaves, unauthorizedLeaveDays: d.unauthorizedLeaveDays,
});

/**
 * The own fields of a 社区矫正 case (社区矫正法 第18、25条) or a 社区戒毒/康复 case (戒毒条例 第13–21条,
 * 第37条). Only the team sees them, and each read is audited (the server does both).
 */
export function RestrictedDetails({ caseId, kind, canWork, juvenile }: { caseId: string; kind: Kind; canWork: boolean; juvenile?: boolean }) {
  const { t } = useTranslation();
  const query = useRestrictedDetails(caseId, true);
  const title = kind === 'correction' ? t('safeguarding.details.correctionTitle') : t('safeguarding.details.rehabTitle');
  return (
    <Card size="small" title={<Space size={6}><LockOutlined />{title}</Space>}>
      <Alert type="warning" showIcon title={t('safeguarding.details.restrictedHint')} description={juvenile ? t('safeguarding.details.juvenileHint') : undefined} style={{ marginBottom: 16 }} />
      {query.isPending ? (
        <Loading />
      ) : query.error || !query.data ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <DetailsForm
          // A new version (after a save or a reload) refills the form.
          key={query.data.data.version}
          caseId={caseId}
          kind={kind}
          details={query.data.data}
          editable={canWork && query.data.abilities.update}
          reload={async () => void (await query.refetch())}
        />
      )}
    </Card>
  );
}

function DetailsForm({ caseId, kind, details, editable, reload }: { caseId: string; kind: Kind; details: Details; editable: boolean; reload: () => Promise<void> }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const [form] = Form.useForm();
  const { submit } = useFormSubmit(form);
  const saveDetails = useSaveDetails(caseId);
  const [conflict, setConflict] = useState(false);

  const save = async (values: Record<string, unknown>) => {
    const fields = ['teamMembers', ...(kind === 'correction' ? CORRECTION_FIELDS : REHAB_FIELDS)];
    const body: Record<string, unknown> = { version: details.version, ...Object.fromEntries(fields.map((f) => [f, values[f] ?? (Array.isArray(details[f as keyof Details]) ? [] : null)])) };
    // Only a 社区康复 has an end to type: the server derives 社区戒毒's.
    if (kind === 'drug_rehab' && values.rehabType !== 'community_rehab') body.rehabTermEnd = null;
    const input = validateWith(form, restrictedDetailsInput, body);
    if (!input) return;
    await submit(() => saveDetails.mutateAsync(input), {
      success: t('safeguarding.details.saved'),
      onSaved: (res) => {
        if (res.openedReport) modal.warning({ title: t('safeguarding.details.seriousTitle'), content: t('safeguarding.reports.autoOpened') });
      },
      onConflict: () => setConflict(true),
    });
  };

  return (
    <Form form={form} layout="vertical" initialValues={valuesOf(details)} onFinish={save} disabled={!editable}>
      {conflict && (
        <Alert
          type="warning"
          showIcon
          title={t('safeguarding.details.conflictTitle')}
          description={
            <>
              <div>{t('safeguarding.details.conflictHint')}</div>
              <Button size="small" type="primary" disabled={false} onClick={() => void reload().then(() => setConflict(false))} style={{ marginTop: 8 }}>
                {t('safeguarding.details.reload')}
              </Button>
            </>
          }
          style={{ marginBottom: 16 }}
        />
      )}
      {!editable && <Alert type="info" showIcon title={t('safeguarding.details.readOnly')} style={{ marginBottom: 16 }} />}
      {kind === 'correction' ? <CorrectionFields /> : <RehabFields form={form} />}
      <Form.Item name="teamMembers" label={kind === 'correction' ? t('safeguarding.details.teamMembers') : t('safeguarding.details.rehabTeamMembers')}>
        <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={['，', ',', '；', ';']} placeholder={t('safeguarding.details.teamMembersPlaceholder')} />
      </Form.Item>
      {kind === 'correction' ? <ImpactReports /> : <LeaveReports />}
      <Flex justify="space-between" align="center" gap={8} wrap style={{ marginTop: 8 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {details.updatedAt ? t('safeguarding.details.updated', { time: fmtDateTime(details.updatedAt), name: details.updatedByName ?? '' }) : t('safeguarding.details.notSaved')}
        </Typography.Text>
        {editable && (
          <Button type="primary" htmlType="submit" loading={saveDetails.isPending} disabled={conflict}>
            {t('safeguarding.details.save')}
          </Button>
        )}
      </Flex>
    </Form>
  );
}

function CorrectionFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="correctionType" label={t('safeguarding.details.correctionType')} rules={[zodRule(restrictedDetailsInput, 'correctionType')]} style={{ maxWidth: 320 }}>
        <Select allowClear options={codeOptions(CORRECTION_TYPES)} />
      </Form.Item>
      <Flex gap={12} wrap>
        <Form.Item name="termStart" label={t('safeguarding.details.termStart')} style={half} {...dateItemProps}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="termEnd"
          label={t('safeguarding.details.termEnd')}
          style={half}
          dependencies={['termStart']}
          rules={[({ getFieldValue }) => ({ validator: async (_, v) => { const s = getFieldValue('termStart'); if (v && s && v < s) throw new Error(fieldText('date_order')); } })]}
          {...dateItemProps}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Flex>
    </>
  );
}

/** The date rules of rehabDateProblems (shared with the server) on one field of the form. */
function rehabDateRule(field: RehabDateProblem['field'], latestText: (date: string) => string) {
  return ({ getFieldValue }: Pick<FormInstance, 'getFieldValue'>) => ({
    validator: async () => {
      const rehabType = getFieldValue('rehabType') as string | null;
      const dates = { rehabType, reportDate: getFieldValue('reportDate'), agreementDate: getFieldValue('agreementDate') };
      const p = rehabDateProblems({ ...dates, rehabTermEnd: rehabType === 'community_rehab' ? getFieldValue('rehabTermEnd') : null }, chinaToday()).find((x) => x.field === field);
      if (p) throw new Error(p.latest ? `${fieldText(p.code)}，${latestText(p.latest)}` : fieldText(p.code));
    },
  });
}

function RehabFields({ form }: { form: FormInstance }) {
  const { t } = useTranslation();
  const rehabType = Form.useWatch('rehabType', form) as string | null | undefined;
  const reportDate = Form.useWatch('reportDate', form) as string | null | undefined;
  const maxEnd = reportDate ? rehabTermMaxEnd(reportDate) : null;
  const dateDeps = ['rehabType', 'reportDate', 'agreementDate', 'rehabTermEnd'];
  const latestText = (date: string) => t('safeguarding.details.rehabTermLatest', { date: fmtDate(date) });
  const counts = {
    testRefusals: Number(Form.useWatch('testRefusals', form) ?? 0),
    unauthorizedLeaves: Number(Form.useWatch('unauthorizedLeaves', form) ?? 0),
    unauthorizedLeaveDays: Number(Form.useWatch('unauthorizedLeaveDays', form) ?? 0),
  };
  const serious = seriousViolation(counts);
  const near = !serious.any && (counts.testRefusals === REHAB_SERIOUS.testRefusals - 1 || counts.unauthorizedLeaves === REHAB_SERIOUS.unauthorizedLeaves - 1);
  const counter = (name: keyof typeof counts, extra: string) => (
    <Form.Item name={name} label={t(`safeguarding.details.${name}`)} extra={extra} style={{ flex: '1 1 180px', minWidth: 0 }} rules={[zodRule(restrictedDetailsInput, name)]}>
      <InputNumber min={0} max={9999} precision={0} style={{ width: '100%' }} status={serious[name] ? 'error' : undefined} />
    </Form.Item>
  );
  return (
    <>
      <Flex gap={12} wrap>
        <Form.Item name="rehabType" label={t('safeguarding.details.rehabType')} style={half}>
          <Select allowClear options={codeOptions(REHAB_TYPES)} />
        </Form.Item>
        <Form.Item
          name="reportDate"
          label={t('safeguarding.details.reportDate')}
          extra={t('safeguarding.details.reportDateHint')}
          style={half}
          dependencies={dateDeps}
          rules={[rehabDateRule('reportDate', latestText)]}
          {...dateItemProps}
        >
          <DatePicker style={{ width: '100%' }} disabledDate={isAfterToday} />
        </Form.Item>
        <Form.Item name="agreementDate" label={t('safeguarding.details.agreementDate')} style={half} dependencies={dateDeps} rules={[rehabDateRule('agreementDate', latestText)]} {...dateItemProps}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        {rehabType === 'community_rehab' ? (
          <Form.Item
            name="rehabTermEnd"
            label={t('safeguarding.details.rehabTermEnd')}
            extra={[t('safeguarding.details.rehabTermHint'), maxEnd && latestText(maxEnd)].filter(Boolean).join('，')}
            style={half}
            dependencies={dateDeps}
            rules={[rehabDateRule('rehabTermEnd', latestText)]}
            {...dateItemProps}
          >
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => !!maxEnd && d.format('YYYY-MM-DD') > maxEnd} />
          </Form.Item>
        ) : (
          <Form.Item label={t('safeguarding.details.rehabTermEnd')} extra={t('safeguarding.details.detoxTermHint')} style={half}>
            <Typography.Text strong>{rehabType === 'community_detox' && maxEnd ? fmtDate(maxEnd) : '—'}</Typography.Text>
          </Form.Item>
        )}
      </Flex>
      <Typography.Text strong style={{ display: 'block', marginBottom: 8 }}>
        {t('safeguarding.details.counters')}
      </Typography.Text>
      {serious.any && <Alert type="error" showIcon title={t('safeguarding.details.seriousTitle')} description={t('safeguarding.details.seriousHint')} style={{ marginBottom: 12 }} />}
      {near && <Alert type="warning" showIcon title={t('safeguarding.details.nearTitle')} style={{ marginBottom: 12 }} />}
      <Flex gap={12} wrap>
        {counter('testRefusals', t('safeguarding.details.thresholdCount', { count: REHAB_SERIOUS.testRefusals }))}
        {counter('unauthorizedLeaves', t('safeguarding.details.thresholdCount', { count: REHAB_SERIOUS.unauthorizedLeaves }))}
        {counter('unauthorizedLeaveDays', t('safeguarding.details.thresholdDays', { count: REHAB_SERIOUS.unauthorizedLeaveDays }))}
      </Flex>
    </>
  );
}

/** One row of a Form.List: its fields wrap on a phone, the remove button stays at the end. */
function ListRow({ children, onRemove }: { children: ReactNode; onRemove: () => void }) {
  const { t } = useTranslation();
  return (
    <Flex gap={8} align="flex-start" style={{ borderTop: '1px solid #f0f0f0', paddingTop: 8 }}>
      <Flex gap={8} wrap style={{ flex: 1, minWidth: 0 }}>
        {children}
      </Flex>
      <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('safeguarding.details.remove')} onClick={onRemove} style={{ marginTop: 30 }} />
    </Flex>
  );
}

function ImpactReports() {
  const { t } = useTranslation();
  return (
    <Form.List name="impactReports">
      {(fields, { add, remove }) => (
        <Form.Item label={t('safeguarding.details.impactReports')}>
          {fields.map(({ key, name }) => (
            <ListRow key={key} onRemove={() => remove(name)}>
              <Form.Item name={[name, 'date']} label={t('safeguarding.details.impactDate')} rules={[required]} style={{ flex: '1 1 140px' }} {...dateItemProps}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name={[name, 'by']} label={t('safeguarding.details.impactBy')} rules={[required]} style={{ flex: '1 1 160px' }}>
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item name={[name, 'conclusion']} label={t('safeguarding.details.impactConclusion')} rules={[required]} style={{ flex: '2 1 240px' }}>
                <Input.TextArea rows={1} autoSize maxLength={1000} />
              </Form.Item>
            </ListRow>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
            {t('safeguarding.details.addImpact')}
          </Button>
        </Form.Item>
      )}
    </Form.List>
  );
}

function LeaveReports() {
  const { t } = useTranslation();
  return (
    <Form.List name="leaveReports">
      {(fields, { add, remove }) => (
        <Form.Item label={t('safeguarding.details.leaveReports')} extra={t('safeguarding.details.leaveHint')}>
          {fields.map(({ key, name }) => (
            <ListRow key={key} onRemove={() => remove(name)}>
              <Form.Item name={[name, 'from']} label={t('safeguarding.details.leaveFrom')} rules={[required]} style={{ flex: '1 1 130px' }} {...dateItemProps}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item
                name={[name, 'to']}
                label={t('safeguarding.details.leaveTo')}
                dependencies={[['leaveReports', name, 'from']]}
                rules={[required, ({ getFieldValue }) => ({ validator: async (_, v) => { const f = getFieldValue(['leaveReports', name, 'from']); if (v && f && v < f) throw new Error(fieldText('date_order')); } })]}
                style={{ flex: '1 1 130px' }}
                {...dateItemProps}
              >
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name={[name, 'destination']} label={t('safeguarding.details.destination')} rules={[required]} style={{ flex: '2 1 180px' }}>
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item name={[name, 'reportedOn']} label={t('safeguarding.details.reportedOn')} style={{ flex: '1 1 130px' }} {...dateItemProps}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </ListRow>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
            {t('safeguarding.details.addLeave')}
          </Button>
        </Form.Item>
      )}
    </Form.List>
  );
}
