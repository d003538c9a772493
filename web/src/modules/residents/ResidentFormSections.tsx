import { WarningOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, DatePicker, Form, Input, Radio, Row, Select, Typography } from 'antd';
import type { FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ETHNICITIES } from '../../../../common/codes/ethnicity.codes';
import {
  CONSENT_BASES, DISABILITY_GRADES, DISABILITY_TYPES, EDUCATIONS, EMPLOYMENTS, HEALTH_STATUSES, HUKOU_TYPES, ID_TYPES,
  INCOME_STATUSES, MARITAL_STATUSES, RELATIONS_TO_HEAD, SEXES,
} from '../../../../common/codes/resident.codes';
import { residentCreateInput } from '../../../../common/schemas/residents.schema';
import type { Resident } from '../../../../common/schemas/residents.schema';
import { CHECKED_ID_TYPES, parseIdDocument } from '../../../../common/validators/id-number.validator';
import { useMe } from '../../app/auth';
import { codeOptions, fieldText } from '../../lib/i18n';
import { dateItemProps, isAfterToday } from '../../lib/format';
import { zodRule } from '../../lib/forms';
import { ResidentHouseholdSelect } from './ResidentHouseholdSelect';
import type { RevealField } from './ResidentRevealValue';
import { ResidentTagEditor } from './ResidentTagEditor';
import { ageOf, isMinor } from './residents.format';

const rule = (field: string) => zodRule(residentCreateInput, field);
const half = { xs: 24, sm: 12, lg: 8 } as const;
const wide = { xs: 24, lg: 16 } as const;
const full = { xs: 24 } as const;

export type SectionProps = {
  form: FormInstance;
  resident?: Resident;
  mobile: boolean;
  idHint: ReactNode;
  cleared: Set<RevealField>;
  toggleClear: (f: RevealField) => void;
  onIdentityBlur: () => void;
  duplicates: ReactNode;
};

type Getter = { getFieldValue: (n: string) => unknown };
const parsedId = (getFieldValue: Getter['getFieldValue'], raw: string) => parseIdDocument(String(getFieldValue('idType') ?? 'resident_id_card'), raw);

/**
 * The number checked by the rules of its ID type (GB 11643 for a 身份证号, the 居住证 and 永居证 rules);
 * other documents are only length-checked.
 */
const idNumberRule = ({ getFieldValue }: Getter) => ({
  validator: async (_r: unknown, v: string | undefined) => {
    const p = v?.trim() ? parsedId(getFieldValue, v) : null;
    if (p && !p.ok) throw new Error(fieldText(`id_number.${p.error}`));
  },
});

/** 性别 and 出生日期 must agree with a typed number that carries them (the same check the server makes). */
const agreesWithId = (field: 'sex' | 'birthDate') => ({ getFieldValue }: Getter) => ({
  validator: async (_r: unknown, v: string | null | undefined) => {
    const raw = String(getFieldValue('idNumber') ?? '').trim();
    const p = v && raw ? parsedId(getFieldValue, raw) : null;
    if (p?.ok && p[field] && p[field] !== v) throw new Error(fieldText(field === 'sex' ? 'id_number.sex_mismatch' : 'id_number.birth_mismatch'));
  },
});

const checked = (idType: string | undefined) => (CHECKED_ID_TYPES as readonly string[]).includes(idType ?? '');

export function ResidentFormSections({ form, resident, mobile, idHint, cleared, toggleClear, onIdentityBlur, duplicates }: SectionProps) {
  const { t } = useTranslation();
  const me = useMe();
  const communityId = Form.useWatch('communityId', form) as string | undefined;
  const birthDate = Form.useWatch('birthDate', form) as string | undefined;
  const idType = Form.useWatch('idType', form) as string | undefined;
  const disabilityType = Form.useWatch('disabilityType', form) as string | undefined;
  const householdId = Form.useWatch('householdId', form) as string | undefined;
  const consentBasis = Form.useWatch('consentBasis', form) as string | undefined;
  const guardianName = Form.useWatch('guardianName', form) as string | undefined;
  const minor = isMinor(ageOf(birthDate));
  const allowRestricted = !!communityId && me.restrictedCommunityIds.includes(communityId);

  /** 身份证号 and phones are masked on edit: an empty input keeps the recorded value. */
  const identifier = (field: RevealField, label: string, input: ReactNode, extra?: ReactNode) => {
    const masked = resident?.[field];
    const isCleared = cleared.has(field);
    const keep = masked ? (
      <span>
        {isCleared ? <Typography.Text type="warning">{t('residents.edit.willClear')}</Typography.Text> : t('residents.edit.keepMasked', { value: masked })}
        <Button type="link" size="small" onClick={() => toggleClear(field)} style={{ paddingInline: 6, height: 'auto' }}>
          {isCleared ? t('residents.edit.undoClear') : t('residents.edit.clearValue')}
        </Button>
      </span>
    ) : null;
    return (
      <Form.Item
        name={field}
        label={label}
        rules={field === 'idNumber' ? [rule('idNumber'), idNumberRule] : [rule(field)]}
        validateTrigger="onBlur"
        extra={extra || keep ? <>{extra}{extra && keep ? <br /> : null}{keep}</> : undefined}
      >
        {isCleared ? <Input disabled placeholder={masked ?? ''} /> : input}
      </Form.Item>
    );
  };

  const phoneInput = (field: RevealField) => (
    <Input inputMode="tel" autoComplete="off" maxLength={20} placeholder={resident?.[field] ?? t('residents.edit.phonePlaceholder')} />
  );

  return (
    <>
      <Card size="small" title={t('residents.edit.basic')}>
        {duplicates}
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item name="name" label={t('residents.field.name')} required rules={[rule('name')]}>
              <Input maxLength={50} autoComplete="off" onBlur={onIdentityBlur} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="communityId" label={t('residents.field.communityId')} rules={[{ required: true, message: fieldText('required') }]}>
              <Select options={me.communities.map((c) => ({ value: c.id, label: c.name }))} placeholder={t('residents.edit.choose')} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="idType" label={t('residents.field.idType')} rules={[rule('idType')]}>
              <Select options={codeOptions(ID_TYPES)} />
            </Form.Item>
          </Col>
          <Col {...wide}>
            {identifier(
              'idNumber',
              idType === 'resident_id_card' ? t('residents.field.idNumber') : t('residents.idNumberGeneric'),
              <Input
                className="masked"
                autoComplete="off"
                maxLength={checked(idType) ? 18 : 40}
                placeholder={resident?.idNumber ?? (checked(idType) ? t(`residents.edit.idPlaceholders.${idType}`) : '')}
                onBlur={onIdentityBlur}
              />,
              idHint,
            )}
          </Col>
          <Col {...half}>
            <Form.Item name="sex" label={t('residents.field.sex')} dependencies={['idNumber', 'idType']} rules={[{ required: true, message: fieldText('required') }, agreesWithId('sex')]}>
              <Radio.Group optionType="button" options={codeOptions(SEXES)} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="birthDate" label={t('residents.field.birthDate')} dependencies={['idNumber', 'idType']} rules={[rule('birthDate'), agreesWithId('birthDate')]} {...dateItemProps}>
              <DatePicker style={{ width: '100%' }} disabledDate={isAfterToday} onBlur={onIdentityBlur} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="ethnicity" label={t('residents.field.ethnicity')} rules={[rule('ethnicity')]}>
              <Select allowClear options={codeOptions(ETHNICITIES)} showSearch={{ optionFilterProp: 'label' }} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="hukouType" label={t('residents.field.hukouType')} rules={[rule('hukouType')]}>
              <Select allowClear options={codeOptions(HUKOU_TYPES)} />
            </Form.Item>
          </Col>
          <Col {...wide}>
            <Form.Item name="hukouAddress" label={t('residents.field.hukouAddress')} rules={[rule('hukouAddress')]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card size="small" title={`${t('residents.edit.contact')} · ${t('residents.edit.address')}`}>
        <Row gutter={16}>
          <Col {...half}>{identifier('phone', t('residents.field.phone'), phoneInput('phone'))}</Col>
        </Row>
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item name="neighborhood" label={t('residents.field.neighborhood')} rules={[rule('neighborhood')]}>
              <Input maxLength={60} />
            </Form.Item>
          </Col>
          <Col xs={8} lg={5}>
            <Form.Item name="building" label={t('residents.field.building')} rules={[rule('building')]}>
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col xs={8} lg={5}>
            <Form.Item name="unit" label={t('residents.field.unit')} rules={[rule('unit')]}>
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col xs={8} lg={6}>
            <Form.Item name="room" label={t('residents.field.room')} rules={[rule('room')]}>
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col {...full}>
            <Form.Item name="addressDetail" label={t('residents.field.addressDetail')} rules={[rule('addressDetail')]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card size="small" title={t('residents.edit.household')}>
        <Row gutter={16}>
          <Col {...wide}>
            <Form.Item name="householdId" label={t('residents.field.householdId')} rules={[rule('householdId')]} extra={t('residents.edit.householdHint')}>
              <ResidentHouseholdSelect communityId={communityId} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="relationToHead" label={t('residents.field.relationToHead')} rules={[rule('relationToHead')]}>
              <Select allowClear options={codeOptions(RELATIONS_TO_HEAD)} disabled={!householdId} placeholder={t('residents.edit.choose')} />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card size="small" title={t('residents.edit.status')}>
        <Row gutter={16}>
          {(
            [
              ['maritalStatus', MARITAL_STATUSES],
              ['education', EDUCATIONS],
              ['employment', EMPLOYMENTS],
              ['health', HEALTH_STATUSES],
              ['incomeStatus', INCOME_STATUSES],
            ] as const
          ).map(([field, list]) => (
            <Col {...half} key={field}>
              <Form.Item name={field} label={t(`residents.field.${field}`)} rules={[rule(field)]}>
                <Select allowClear options={codeOptions(list)} placeholder={t('residents.edit.choose')} />
              </Form.Item>
            </Col>
          ))}
          <Col {...half}>
            <Form.Item name="disabilityType" label={t('residents.field.disabilityType')} rules={[rule('disabilityType')]}>
              <Select allowClear options={codeOptions(DISABILITY_TYPES)} placeholder={t('residents.none')} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="disabilityGrade" label={t('residents.field.disabilityGrade')} rules={[rule('disabilityGrade')]}>
              <Select allowClear disabled={!disabilityType} options={DISABILITY_GRADES.map((g) => ({ value: Number(g.code), label: codeOptions([g])[0].label }))} placeholder={t('residents.edit.choose')} />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card
        size="small"
        title={minor ? <span><WarningOutlined style={{ color: '#d97706', marginInlineEnd: 6 }} />{t('residents.edit.guardian')}</span> : `${t('residents.edit.guardian')} · ${t('residents.edit.emergency')}`}
        style={minor ? { borderColor: '#f59e0b', boxShadow: '0 0 0 1px #f59e0b33' } : undefined}
        styles={minor ? { header: { background: '#fffbeb' } } : undefined}
      >
        {minor && !guardianName?.trim() && <Alert type="warning" showIcon title={t('residents.edit.minorTitle')} style={{ marginBottom: 12 }} />}
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item name="guardianName" label={t('residents.field.guardianName')} rules={[rule('guardianName')]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="guardianRelation" label={t('residents.fieldLong.guardianRelation')} rules={[rule('guardianRelation')]}>
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col {...half}>{identifier('guardianPhone', t('residents.field.guardianPhone'), phoneInput('guardianPhone'))}</Col>
        </Row>
        {minor && <Typography.Title level={5} style={{ marginTop: 0 }}>{t('residents.edit.emergency')}</Typography.Title>}
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item name="emergencyName" label={t('residents.field.emergencyName')} rules={[rule('emergencyName')]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="emergencyRelation" label={t('residents.fieldLong.emergencyRelation')} rules={[rule('emergencyRelation')]}>
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col {...half}>{identifier('emergencyPhone', t('residents.field.emergencyPhone'), phoneInput('emergencyPhone'))}</Col>
        </Row>
      </Card>

      <Card size="small" title={t('residents.edit.tags')}>
        {me.restrictedCommunityIds.length > 0 && !allowRestricted && communityId && (
          <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>{t('residents.edit.tagsHidden')}</Typography.Paragraph>
        )}
        <ResidentTagEditor form={form} allowRestricted={allowRestricted} mobile={mobile} />
      </Card>

      <Card size="small" title={t('residents.edit.consent')}>
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          {t('residents.edit.consentHelp')}
          {minor && consentBasis !== 'guardian_consent' && ` ${t('residents.edit.minorConsent')}`}
        </Typography.Paragraph>
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item name="consentBasis" label={t('residents.field.consentBasis')} rules={[rule('consentBasis')]}>
              <Select allowClear options={codeOptions(CONSENT_BASES)} placeholder={t('residents.edit.choose')} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="consentDate" label={t('residents.field.consentDate')} rules={[rule('consentDate')]} {...dateItemProps}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col {...full}>
            <Form.Item name="consentScope" label={t('residents.field.consentScope')} rules={[rule('consentScope')]}>
              <Input.TextArea rows={2} maxLength={500} placeholder={t('residents.edit.consentScopePlaceholder')} />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card size="small" title={t('residents.edit.note')}>
        <Form.Item name="note" rules={[rule('note')]} style={{ marginBottom: 0 }}>
          <Input.TextArea rows={3} maxLength={2000} showCount placeholder={t('residents.edit.notePlaceholder')} />
        </Form.Item>
      </Card>
    </>
  );
}
