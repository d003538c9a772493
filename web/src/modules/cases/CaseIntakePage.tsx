import { ArrowLeftOutlined, WarningOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, DatePicker, Flex, Form, Input, Radio, Row, Select, Space, Spin, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { CASE_KINDS, CASE_SOURCES, CONSENT_BASES, RESTRICTED_CASE_KINDS, SERVICE_AREAS } from '../../../../common/codes/case.codes';
import { TAG_GROUPS } from '../../../../common/codes/tag.codes';
import { caseIntakeInput, type Case, type CaseAbilities, type CaseIntakeInput } from '../../../../common/schemas/cases.schema';
import type { ReferralIntakePrefill } from '../../../../common/schemas/referrals.schema';
import type { ResidentListItem } from '../../../../common/schemas/residents.schema';
import { useCan } from '../../app/auth';
import { api, type Page } from '../../lib/api';
import { errorMessage } from '../../lib/feedback';
import { beijingToday, dateItemProps, isAfterToday } from '../../lib/format';
import { cleanValues, validateWith, zodRule } from '../../lib/forms';
import { codeOptions } from '../../lib/i18n';
import { useFormSubmit, validatedValues } from '../../lib/submit';
import { SexMark } from '../residents/ResidentBits';
import { useResident } from '../residents/residents.api';
import { tagGroupOf } from '../residents/residents.format';
import { CaseStatusTag } from './CaseBits';
import { caseKeys, invalidateCases, useCaseList, useCaseWorkers } from './cases.api';
import { useRiskLevels, type RiskLevelsView } from '../settings/settings.api';

type Values = Omit<CaseIntakeInput, 'residentId'> & { residentId?: string };

/** A resident of the user's communities, found by name, initials or ID number. */
type PickerRow = Pick<ResidentListItem, 'id' | 'name' | 'age' | 'communityName' | 'neighborhood'>;

/** `id` comes from the Form.Item, so that its label names the field (WCAG 1.3.1, 4.1.2). */
function ResidentPicker({ id, value, onChange, current }: { id?: string; value?: string; onChange?: (v: string | undefined) => void; current?: PickerRow }) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const h = setTimeout(() => setQ(typed.trim()), 300);
    return () => clearTimeout(h);
  }, [typed]);
  const list = useQuery({
    queryKey: ['residents', 'list', { q, pageSize: 20, purpose: 'case' }],
    queryFn: () => api.get<Page<ResidentListItem>>('/api/residents', { q, pageSize: 20 }),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
  });
  return (
    <Select
      id={id}
      value={value}
      onChange={(v) => onChange?.(v)}
      placeholder={t('cases.intake.pickResident')}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      notFoundContent={list.isFetching ? <Spin size="small" /> : q ? t('app.state.empty') : null}
      options={rowsWith(q ? (list.data?.data ?? []) : [], current).map((r) => ({
        value: r.id,
        label: (
          <span>
            {r.name}
            <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
              {[r.age != null ? t('cases.ageYears', { age: r.age }) : null, r.communityName, r.neighborhood].filter(Boolean).join(' · ')}
            </Typography.Text>
          </span>
        ),
      }))}
      style={{ width: '100%' }}
      size="large"
      autoFocus
    />
  );
}

const ageGroup = (age: number | null) => (age == null ? undefined : age < 18 ? 'children' : age >= 60 ? 'elderly' : undefined);

const rowsWith = (rows: PickerRow[], current?: PickerRow) => (current && !rows.some((r) => r.id === current.id) ? [current, ...rows] : rows);

/** 接案登记: who the client is, what they need, on what basis their data is processed. */
export default function CaseIntakePage() {
  const { t } = useTranslation();
  const nav = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [sp] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const { submit, busy } = useFormSubmit(form);
  const canCreateResident = useCan('residents.write');
  const residentId = Form.useWatch('residentId', form) as string | undefined;
  const resident = useResident(residentId);
  const r = resident.data?.data;
  // Without a birth date the worker says whether the client is a minor (the server asks the same).
  const undated = !!r && r.age == null;
  const saidMinor = Form.useWatch('clientIsMinor', form);
  const minor = r?.age != null ? r.age < 18 : undated && saidMinor === true;
  const source = Form.useWatch('source', form);
  const kind = Form.useWatch('kind', form);
  const agreementSigned = Form.useWatch('agreementSigned', form);
  const open = useCaseList({ residentId, status: ['intake', 'assessment', 'planning', 'plan_review', 'active', 'closure_review'], pageSize: 10 }, !!residentId);
  // Only supervisors who may be named: covering the community, with sight of restricted data for a restricted kind.
  const workers = useCaseWorkers(r?.communityId, { teamRole: 'supervisor', restricted: RESTRICTED_CASE_KINDS.includes(kind ?? 'general') });
  const supervisors = workers.data ?? [];
  useEffect(() => {
    const chosen = form.getFieldValue('supervisorUserId') as string | undefined;
    if (chosen && workers.data && !workers.data.some((w) => w.id === chosen)) form.setFieldValue('supervisorUserId', undefined);
  }, [workers.data, form]);

  // Opened from an accepted referral in (转介): the referral's facts fill the intake, and the case is linked back.
  const referralId = sp.get('referralId');
  const referral = useQuery({
    queryKey: ['referrals', 'one', referralId ?? '', 'intake'],
    queryFn: () => api.get<{ intake: ReferralIntakePrefill | null }>(`/api/referrals/${referralId}`).then((x) => x.intake),
    enabled: !!referralId,
  });
  useEffect(() => {
    const id = sp.get('residentId');
    if (id) form.setFieldValue('residentId', id);
  }, [sp, form]);
  useEffect(() => {
    const p = referral.data;
    if (!p) return;
    form.setFieldsValue({
      source: 'referral_in',
      referralSourceNote: p.referralSourceNote,
      presentingProblem: p.presentingProblem,
      consentBasis: p.consentBasis,
      ...(p.residentId ? { residentId: p.residentId } : {}),
      ...(p.serviceArea ? { serviceArea: p.serviceArea } : {}),
      ...(p.riskLevel ? { riskLevel: p.riskLevel } : {}),
    });
  }, [referral.data, form]);

  // Defaults from the resident: a minor's guardian and the guardian's consent; the target group of a tag.
  useEffect(() => {
    if (!r) return;
    const group = r.tags.filter((x) => x.active).map((x) => tagGroupOf(x.tag))[0];
    form.setFieldValue('clientIsMinor', undefined);
    form.setFieldsValue({
      ...(referralId ? {} : { consentBasis: r.age != null && r.age < 18 ? 'guardian_consent' : 'consent' }),
      guardianName: r.age != null && r.age < 18 ? (r.guardianName ?? undefined) : undefined,
      guardianRelation: r.age != null && r.age < 18 ? (r.guardianRelation ?? undefined) : undefined,
      // A target group from the resident's tags, else from their age.
      ...(!form.getFieldValue('targetGroup') && (group ?? ageGroup(r.age)) ? { targetGroup: group ?? ageGroup(r.age) } : {}),
    });
  }, [r, form, referralId]);

  const save = async () => {
    const v = await validatedValues(form);
    if (!v) return;
    if (minor && !v.guardianName?.trim()) {
      form.setFields([{ name: 'guardianName', errors: [t('cases.overview.guardianMissing')] }]);
      return;
    }
    const input = validateWith(form, caseIntakeInput, cleanValues({ ...v, agreementDate: v.agreementSigned ? v.agreementDate : undefined }));
    if (!input) return;
    await submit(
      async () => {
        const res = await api.post<{ data: Case; abilities: CaseAbilities }>('/api/cases', input);
        qc.setQueryData(caseKeys.one(res.data.id), res);
        invalidateCases(qc);
        if (referral.data) {
          await api.post(`/api/referrals/${referral.data.referralId}/result-case`, { caseId: res.data.id }).catch((e) => void message.error(errorMessage(e)));
          void qc.invalidateQueries({ queryKey: ['referrals'] });
        }
        return res;
      },
      { success: (res) => t('cases.intake.created', { caseNo: res.data.caseNo }), onSaved: (res) => void nav(`/cases/${res.data.id}`, { replace: true }) },
    );
  };

  const today = beijingToday();
  const riskLevels = useRiskLevels();
  // The calmest level still offered, unless one was chosen (or came with a referral) already.
  const calmest = riskLevels.calmest;
  useEffect(() => {
    if (calmest && !form.getFieldValue('riskLevel')) form.setFieldValue('riskLevel', calmest);
  }, [calmest, form]);

  return (
    <div style={{ maxWidth: 960, margin: '0 auto' }}>
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => ((window.history.state as { idx?: number } | null)?.idx ? nav(-1) : nav('/cases'))} style={{ paddingInline: 0, marginBottom: 8 }}>
        {t('app.action.back')}
      </Button>
      <div className="page-title">
        <Typography.Title level={4}>{t('cases.intake.title')}</Typography.Title>
      </div>
      <Typography.Paragraph type="secondary">{t('cases.intake.intro')}</Typography.Paragraph>
      {referral.data && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('cases.intake.fromReferral', { name: referral.data.clientName })} description={referral.data.referralSourceNote} />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={{ kind: 'general', source: 'self_referral', riskLevel: calmest, intakeDate: today, consentBasis: 'consent', consentDate: today, agreementSigned: false }}
        onFinish={() => void save()}
      >
        <Flex vertical gap={12}>
          <Card size="small" title={t('cases.intake.sections.client')}>
            <Form.Item name="residentId" label={t('cases.field.residentId')} required rules={[zodRule(caseIntakeInput, 'residentId')]} extra={t('cases.intake.pickHint')}>
              <ResidentPicker current={r} />
            </Form.Item>
            {canCreateResident && !residentId && (
              <Typography.Text type="secondary">
                {t('cases.intake.notFound')} <Link to="/residents/new">{t('cases.intake.newResident')}</Link>
              </Typography.Text>
            )}
            {r && (
              <Alert
                type={minor ? 'warning' : 'info'}
                showIcon={minor}
                icon={minor ? <WarningOutlined /> : undefined}
                title={
                  <Space wrap size={8}>
                    <Link to={`/residents/${r.id}`} target="_blank">
                      <b>{r.name}</b>
                    </Link>
                    <SexMark sex={r.sex} withText />
                    {r.age != null && <span>{t('cases.ageYears', { age: r.age })}</span>}
                    <Typography.Text type="secondary">{r.communityName}</Typography.Text>
                  </Space>
                }
                description={minor ? t('cases.intake.minorNotice') : undefined}
              />
            )}
            {undated && (
              <Form.Item
                name="clientIsMinor"
                label={t('cases.intake.isMinor')}
                extra={t('cases.intake.isMinorHint')}
                required
                rules={[{ required: true, message: t('cases.intake.isMinorRequired') }]}
                style={{ marginTop: 12, marginBottom: 0 }}
              >
                <Radio.Group
                  options={[{ value: true, label: t('cases.intake.minorYes') }, { value: false, label: t('cases.intake.minorNo') }]}
                  onChange={(e) => {
                    if (!referralId) form.setFieldValue('consentBasis', e.target.value ? 'guardian_consent' : 'consent');
                  }}
                />
              </Form.Item>
            )}
            {!!open.data?.data.length && (
              <Alert
                type="warning"
                showIcon
                style={{ marginTop: 8 }}
                title={t('cases.intake.existing')}
                description={
                  <Space wrap>
                    {open.data.data.map((c) => (
                      <Link key={c.id} to={`/cases/${c.id}`}>
                        <span className="masked">{c.caseNo}</span> <CaseStatusTag status={c.status} />
                      </Link>
                    ))}
                  </Space>
                }
              />
            )}
          </Card>

          <Card size="small" title={t('cases.intake.sections.problem')}>
            <Row gutter={16}>
              <Col xs={24} md={8}>
                <Form.Item name="intakeDate" label={t('cases.field.intakeDate')} required {...dateItemProps} rules={[zodRule(caseIntakeInput, 'intakeDate')]}>
                  <DatePicker style={{ width: '100%' }} disabledDate={isAfterToday} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="source" label={t('cases.field.source')} required rules={[zodRule(caseIntakeInput, 'source')]}>
                  <Select options={codeOptions(CASE_SOURCES)} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="kind" label={t('cases.field.kind')} required rules={[zodRule(caseIntakeInput, 'kind')]}>
                  <Select options={codeOptions(CASE_KINDS)} />
                </Form.Item>
              </Col>
            </Row>
            {kind && kind !== 'general' && <Alert type="info" showIcon title={t('cases.intake.restrictedKindHint')} style={{ marginBottom: 16 }} />}
            {(source === 'referral_in' || source === 'assigned' || source === 'outreach') && (
              <Form.Item name="referralSourceNote" label={t('cases.field.referralSourceNote')} rules={[zodRule(caseIntakeInput, 'referralSourceNote')]}>
                <Input maxLength={200} placeholder={t('cases.intake.referralNoteHint')} />
              </Form.Item>
            )}
            <Form.Item name="presentingProblem" label={t('cases.field.presentingProblem')} required rules={[zodRule(caseIntakeInput, 'presentingProblem')]}>
              <Input.TextArea rows={5} maxLength={2000} showCount placeholder={t('cases.intake.problemPlaceholder')} />
            </Form.Item>
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item name="serviceArea" label={t('cases.field.serviceArea')} required rules={[zodRule(caseIntakeInput, 'serviceArea')]}>
                  <Select options={codeOptions(SERVICE_AREAS)} placeholder={t('cases.field.serviceArea')} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="targetGroup" label={t('cases.field.targetGroup')} rules={[zodRule(caseIntakeInput, 'targetGroup')]}>
                  <Select options={codeOptions(TAG_GROUPS)} allowClear placeholder={t('cases.field.targetGroup')} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="riskLevel" label={t('cases.field.riskLevel')} required rules={[zodRule(caseIntakeInput, 'riskLevel')]}
              extra={<RiskHint form={form} levels={riskLevels} />}>
              <Radio.Group optionType="button" buttonStyle="solid" options={riskLevels.options} />
            </Form.Item>
          </Card>

          <Card size="small" title={t('cases.intake.sections.consent')}>
            <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
              {t('cases.intake.consentHint')}
            </Typography.Paragraph>
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item name="consentBasis" label={t('cases.field.consentBasis')} required rules={[zodRule(caseIntakeInput, 'consentBasis'), { required: true, message: t('cases.overview.consentMissing') }]}>
                  <Select options={codeOptions(CONSENT_BASES)} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="consentDate" label={t('cases.field.consentDate')} {...dateItemProps} rules={[zodRule(caseIntakeInput, 'consentDate')]}>
                  <DatePicker style={{ width: '100%' }} disabledDate={isAfterToday} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="consentNote" label={t('cases.field.consentNote')} rules={[zodRule(caseIntakeInput, 'consentNote')]}>
              <Input maxLength={500} placeholder={t('cases.intake.consentNotePlaceholder')} />
            </Form.Item>
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item name="agreementSigned" label={t('cases.field.agreementSigned')} valuePropName="checked" extra={t('cases.intake.agreementHint')}>
                  <Switch />
                </Form.Item>
              </Col>
              {agreementSigned && (
                <Col xs={24} md={12}>
                  <Form.Item name="agreementDate" label={t('cases.field.agreementDate')} {...dateItemProps} rules={[zodRule(caseIntakeInput, 'agreementDate')]}>
                    <DatePicker style={{ width: '100%' }} disabledDate={isAfterToday} />
                  </Form.Item>
                </Col>
              )}
            </Row>
            {(minor || r?.guardianName) && (
              <>
                <Typography.Text strong style={{ display: 'block', marginBottom: 8 }}>
                  {t('cases.intake.sections.guardian')}
                </Typography.Text>
                <Row gutter={16}>
                  <Col xs={24} md={12}>
                    <Form.Item name="guardianName" label={t('cases.field.guardianName')} required={minor} rules={[zodRule(caseIntakeInput, 'guardianName')]}>
                      <Input maxLength={50} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item name="guardianRelation" label={t('cases.field.guardianRelation')} rules={[zodRule(caseIntakeInput, 'guardianRelation')]}>
                      <Input maxLength={30} placeholder={t('cases.intake.guardianRelationPlaceholder')} />
                    </Form.Item>
                  </Col>
                </Row>
              </>
            )}
          </Card>

          <Card size="small" title={t('cases.intake.sections.team')}>
            <Form.Item name="supervisorUserId" label={t('cases.field.supervisorUserId')} extra={t('cases.intake.supervisorHint')} style={{ maxWidth: 420 }}>
              <Select
                allowClear
                disabled={!r}
                loading={workers.isFetching}
                placeholder={t('cases.intake.supervisorDefault')}
                options={supervisors.map((w) => ({ value: w.id, label: `${w.displayName}（${t('cases.team.caseload', { count: w.caseload })}）` }))}
              />
            </Form.Item>
          </Card>

          <Flex justify="flex-end" gap={8}>
            <Button onClick={() => nav('/cases')}>{t('app.action.cancel')}</Button>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('cases.intake.submit')}
            </Button>
          </Flex>
        </Flex>
      </Form>
    </div>
  );
}

function RiskHint({ form, levels }: { form: ReturnType<typeof Form.useForm<Values>>[0]; levels: RiskLevelsView }) {
  const { t } = useTranslation();
  const risk = Form.useWatch('riskLevel', form) as string | undefined;
  const days = levels.contactDays(risk);
  return days ? <span>{t('cases.intake.riskHint', { risk: levels.label(risk), days })}</span> : null;
}
