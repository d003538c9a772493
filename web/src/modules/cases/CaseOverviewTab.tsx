import { EditOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, DatePicker, Descriptions, Drawer, Flex, Form, Grid, Input, Radio, Row, Select, Switch, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CASE_KINDS, CASE_SOURCES, CONSENT_BASES, END_REASONS, INTAKE_DECISIONS, SERVICE_AREAS } from '../../../../common/codes/case.codes';
import { TAG_GROUPS } from '../../../../common/codes/tag.codes';
import { caseUpdateInput, type Case, type CaseAbilities, type CaseUpdateInput } from '../../../../common/schemas/cases.schema';
import { SaveCancel } from '../../components/SaveCancel';
import { ApiError } from '../../lib/api';
import { errorMessage } from '../../lib/feedback';
import { dateItemProps, fmtDate, isAfterToday } from '../../lib/format';
import { validateWith, zodRule } from '../../lib/forms';
import { codeLabel, codeOptions } from '../../lib/i18n';
import { useFormSubmit, validatedValues } from '../../lib/submit';
import { SexMark } from '../residents/ResidentBits';
import { Paragraphs } from './CaseBits';
import { CaseTeamCard } from './CaseTeamCard';
import { useCaseAction } from './cases.api';
import { useRiskLevels } from '../settings/settings.api';

type Items = NonNullable<DescriptionsProps['items']>;
const dash = <Typography.Text type="secondary">—</Typography.Text>;
const show = (v: React.ReactNode) => (v == null || v === '' ? dash : v);

/**
 * Short facts side by side; long texts (问题描述, 来源说明, reasons, notes) each on rows of their own, the
 * label above the text, never squeezed into a column beside it.
 */
function Facts({ short, long, column }: { short: Items; long: Items; column: DescriptionsProps['column'] }) {
  return (
    <>
      <Descriptions size="small" column={column} items={short} />
      {long.length > 0 && <Descriptions size="small" layout="vertical" column={1} items={long} style={{ marginTop: 4 }} />}
    </>
  );
}

/** 修改接案信息: the facts that may change during a case (not its stage). */
function CaseEditDrawer({ c, open, onClose }: { c: Case; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<CaseUpdateInput>();
  const { submit, busy } = useFormSubmit(form);
  const [conflict, setConflict] = useState(false);
  const run = useCaseAction(c.id);
  const signed = Form.useWatch('agreementSigned', form);
  const riskLevels = useRiskLevels();
  // Active levels, and a deactivated one the case still has: kept unless another is chosen.
  const riskOptions = riskLevels.optionsFor(c.riskLevel);

  useEffect(() => {
    if (!open) return;
    setConflict(false);
    form.setFieldsValue({
      presentingProblem: c.presentingProblem ?? '', serviceArea: c.serviceArea, targetGroup: c.targetGroup, riskLevel: c.riskLevel,
      referralSourceNote: c.referralSourceNote ?? '', consentBasis: c.consentBasis, consentDate: c.consentDate, consentNote: c.consentNote ?? '',
      agreementSigned: c.agreementSigned, agreementDate: c.agreementDate, guardianName: c.guardianName ?? '', guardianRelation: c.guardianRelation ?? '',
    });
  }, [open, c, form]);

  const save = async () => {
    const v = await validatedValues(form);
    if (!v) return;
    const input = validateWith(form, caseUpdateInput, { ...v, agreementDate: v.agreementSigned ? v.agreementDate : null, version: c.version });
    if (!input) return;
    await submit(() => run('patch', '', input), { success: t('cases.overview.saved'), onSaved: onClose, onConflict: () => setConflict(true) });
  };

  return (
    <Drawer open={open} onClose={onClose} title={t('cases.overview.editTitle')} size={screens.md ? 600 : '100%'} destroyOnHidden footer={<SaveCancel onCancel={onClose} onSave={() => void save()} busy={busy} />}>
      {conflict && <Alert type="warning" showIcon title={errorMessage(new ApiError(409, 'version_conflict', ''))} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" requiredMark="optional" onFinish={() => void save()}>
        <Form.Item name="presentingProblem" label={t('cases.field.presentingProblem')} required rules={[zodRule(caseUpdateInput, 'presentingProblem')]}>
          <Input.TextArea rows={5} maxLength={2000} showCount />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="serviceArea" label={t('cases.field.serviceArea')} required>
              <Select options={codeOptions(SERVICE_AREAS)} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="targetGroup" label={t('cases.field.targetGroup')}>
              <Select options={codeOptions(TAG_GROUPS)} allowClear />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="riskLevel" label={t('cases.field.riskLevel')} required>
          <Radio.Group optionType="button" buttonStyle="solid" options={riskOptions} />
        </Form.Item>
        <Form.Item name="referralSourceNote" label={t('cases.field.referralSourceNote')} rules={[zodRule(caseUpdateInput, 'referralSourceNote')]}>
          <Input maxLength={200} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="consentBasis" label={t('cases.field.consentBasis')}>
              <Select options={codeOptions(CONSENT_BASES)} allowClear />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="consentDate" label={t('cases.field.consentDate')} {...dateItemProps}>
              <DatePicker style={{ width: '100%' }} disabledDate={isAfterToday} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="consentNote" label={t('cases.field.consentNote')} rules={[zodRule(caseUpdateInput, 'consentNote')]}>
          <Input maxLength={500} placeholder={t('cases.intake.consentNotePlaceholder')} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="agreementSigned" label={t('cases.field.agreementSigned')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          {signed && (
            <Col xs={24} sm={12}>
              <Form.Item name="agreementDate" label={t('cases.field.agreementDate')} {...dateItemProps}>
                <DatePicker style={{ width: '100%' }} disabledDate={isAfterToday} />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="guardianName" label={t('cases.field.guardianName')} required={c.juvenile} rules={[zodRule(caseUpdateInput, 'guardianName')]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="guardianRelation" label={t('cases.field.guardianRelation')} rules={[zodRule(caseUpdateInput, 'guardianRelation')]}>
              <Input maxLength={30} placeholder={t('cases.intake.guardianRelationPlaceholder')} />
            </Form.Item>
          </Col>
        </Row>
        <button type="submit" hidden />
      </Form>
    </Drawer>
  );
}

/** 概况: the client, the intake, the basis for processing their data, and the team. */
export function CaseOverviewTab({ c, abilities }: { c: Case; abilities: CaseAbilities }) {
  const { t } = useTranslation();
  const riskLevels = useRiskLevels();
  const [editing, setEditing] = useState(false);

  // The summary a manager off the team reads has no contact details and no narrative (个人信息保护法 第6条).
  const file = abilities.readFile;
  const client: Items = [
    { key: 'name', label: t('cases.field.client'), children: <Flex gap={6} align="center">{c.client.name}<SexMark sex={c.client.sex} withText /></Flex> },
    { key: 'age', label: t('cases.field.age'), children: show(c.client.age != null && t('cases.ageYears', { age: c.client.age })) },
    ...(file ? [{ key: 'phone', label: t('cases.field.phone'), children: c.client.phone ? <span className="masked">{c.client.phone}</span> : dash }] : []),
    { key: 'community', label: t('cases.field.community'), children: c.communityName },
    ...(file ? [{ key: 'address', label: t('cases.field.address'), children: show(c.client.address) }] : []),
  ];
  const intake: Items = [
    { key: 'caseNo', label: t('cases.field.caseNo'), children: <span className="masked">{c.caseNo}</span> },
    { key: 'intakeDate', label: t('cases.field.intakeDate'), children: fmtDate(c.intakeDate) },
    { key: 'kind', label: t('cases.field.kind'), children: codeLabel(CASE_KINDS, c.kind) },
    { key: 'source', label: t('cases.field.source'), children: codeLabel(CASE_SOURCES, c.source) },
    { key: 'area', label: t('cases.field.serviceArea'), children: codeLabel(SERVICE_AREAS, c.serviceArea) },
    { key: 'group', label: t('cases.field.targetGroup'), children: show(codeLabel(TAG_GROUPS, c.targetGroup)) },
    { key: 'risk', label: t('cases.field.riskLevel'), children: riskLevels.label(c.riskLevel) },
    { key: 'lastContact', label: t('cases.field.lastContact'), children: c.lastContactDate ? fmtDate(c.lastContactDate) : t('cases.neverContacted') },
    ...(c.decision ? [{ key: 'decision', label: t('cases.field.decision'), children: codeLabel(INTAKE_DECISIONS, c.decision) }] : []),
  ];
  const intakeLong: Items = [
    ...(c.referralSourceNote ? [{ key: 'sourceNote', label: t('cases.field.referralSourceNote'), children: <Paragraphs text={c.referralSourceNote} /> }] : []),
    ...(file ? [{ key: 'problem', label: t('cases.field.presentingProblem'), children: <Paragraphs text={c.presentingProblem} /> }] : []),
    ...(c.decisionReason ? [{ key: 'decisionReason', label: t('cases.field.decisionReason'), children: <Paragraphs text={c.decisionReason} /> }] : []),
    ...(c.endReason
      ? [{ key: 'end', label: t('cases.field.endReason'), children: <>{codeLabel(END_REASONS, c.endReason)}{c.endNote && <Typography.Text type="secondary">{t('cases.c')}{c.endNote}</Typography.Text>}</> }]
      : []),
  ];
  const consent: Items = [
    { key: 'basis', label: t('cases.field.consentBasis'), children: show(codeLabel(CONSENT_BASES, c.consentBasis)) },
    { key: 'date', label: t('cases.field.consentDate'), children: show(c.consentDate && fmtDate(c.consentDate)) },
    { key: 'by', label: t('cases.field.consentRecordedBy'), children: show(c.consentRecordedByName) },
    { key: 'agreement', label: t('cases.field.agreementSigned'), children: c.agreementSigned ? (c.agreementDate ? t('cases.overview.agreementYesOn', { date: fmtDate(c.agreementDate) }) : t('cases.overview.agreementYes')) : t('cases.overview.agreementNo') },
  ];
  const consentLong: Items = c.consentNote ? [{ key: 'note', label: t('cases.field.consentNote'), children: <Paragraphs text={c.consentNote} /> }] : [];
  const guardian: Items = [
    { key: 'name', label: t('cases.field.guardianName'), children: show(c.guardianName) },
    { key: 'rel', label: t('cases.field.guardianRelation'), children: show(c.guardianRelation) },
  ];
  const canEdit = abilities.work;

  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} xl={15}>
        <Flex vertical gap={12}>
          <Card size="small" title={t('cases.overview.client')} extra={<Link to={`/residents/${c.client.id}`}>{t('cases.overview.openResident')}</Link>}>
            <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} items={client} />
          </Card>
          <Card size="small" title={t('cases.overview.intake')} extra={canEdit && <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)}>{t('cases.overview.edit')}</Button>}>
            <Facts short={intake} long={intakeLong} column={{ xs: 1, sm: 2, lg: 3 }} />
          </Card>
          <Card size="small" title={t('cases.overview.consent')}>
            {!c.consentBasis && <Alert type="warning" showIcon title={t('cases.overview.consentMissing')} style={{ marginBottom: 8 }} />}
            <Facts short={consent} long={consentLong} column={{ xs: 1, sm: 2 }} />
          </Card>
          {file && (c.juvenile || c.guardianName) && (
            <Card
              size="small"
              title={<span>{c.juvenile && <WarningOutlined style={{ color: '#d97706', marginInlineEnd: 6 }} />}{t('cases.overview.guardian')}</span>}
              style={c.juvenile ? { borderColor: '#f59e0b' } : undefined}
              styles={c.juvenile ? { header: { background: '#fffbeb' } } : undefined}
            >
              {c.juvenile && !c.guardianName && <Alert type="warning" showIcon title={t('cases.overview.guardianMissing')} style={{ marginBottom: 8 }} />}
              <Descriptions size="small" column={{ xs: 1, sm: 2 }} items={guardian} />
            </Card>
          )}
        </Flex>
      </Col>
      <Col xs={24} xl={9}>
        <CaseTeamCard c={c} abilities={abilities} />
      </Col>
      {canEdit && <CaseEditDrawer c={c} open={editing} onClose={() => setEditing(false)} />}
    </Row>
  );
}
