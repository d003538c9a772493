import { ArrowLeftOutlined, EditOutlined, PrinterOutlined, StopOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Flex, Row, Space, Tag, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { ETHNICITIES } from '../../../../common/codes/ethnicity.codes';
import {
  CONSENT_BASES, DISABILITY_GRADES, DISABILITY_TYPES, EDUCATIONS, EMPLOYMENTS, HEALTH_STATUSES, HUKOU_TYPES, ID_TYPES,
  INCOME_STATUSES, MARITAL_STATUSES,
} from '../../../../common/codes/resident.codes';
import type { Resident, ResidentAbilities } from '../../../../common/schemas/residents.schema';
import { ErrorState, isNotFound, Loading, RecordNotFound } from '../../app/states';
import { codeLabel } from '../../lib/i18n';
import { beijingToday, fmtDate, fmtDateTime } from '../../lib/format';
import { ResidentArchiveModal, ResidentRestoreButton } from './ResidentArchiveModal';
import { ResidentTagChip, SexMark } from './ResidentBits';
import { ResidentHistory } from './ResidentHistory';
import { ResidentHouseholdCard } from './ResidentHouseholdCard';
import { ResidentRevealValue } from './ResidentRevealValue';
import { useResident, type CreateWarning } from './residents.api';
import { formatAddress, isMinor, tagGroupOf } from './residents.format';
import { TAG_GROUPS } from '../../../../common/codes/tag.codes';
import { ResidentCasesCard } from '../cases/ResidentCasesCard';
import { ResidentReferralsCard } from '../referrals/ResidentReferralsCard';

const dash = <Typography.Text type="secondary">—</Typography.Text>;
const show = (v: ReactNode) => (v == null || v === '' ? dash : v);

type Items = NonNullable<DescriptionsProps['items']>;

function Section({ title, items, extra, highlight, children }: { title: ReactNode; items?: Items; extra?: ReactNode; highlight?: boolean; children?: ReactNode }) {
  return (
    <Card
      size="small"
      title={title}
      extra={extra}
      style={highlight ? { borderColor: '#f59e0b', boxShadow: '0 0 0 1px #f59e0b33' } : undefined}
      styles={highlight ? { header: { background: '#fffbeb' } } : undefined}
    >
      {children}
      {items && <Descriptions size="small" column={{ xs: 1, sm: 2, xl: 3 }} items={items} />}
    </Card>
  );
}

function Body({ r, abilities }: { r: Resident; abilities: ResidentAbilities }) {
  const { t } = useTranslation();
  const nav = useNavigate();
  const location = useLocation();
  const [archiving, setArchiving] = useState(false);
  const warnings = (location.state as { warnings?: CreateWarning[] } | null)?.warnings ?? [];
  const recorder = r.consentRecordedByName;
  const minor = isMinor(r.age);
  const reveal = (field: 'idNumber' | 'phone' | 'guardianPhone' | 'emergencyPhone', masked: string | null) => (
    <ResidentRevealValue residentId={r.id} field={field} masked={masked} canReveal={abilities.reveal} />
  );
  const active = r.tags.filter((x) => x.active);
  const back = () => ((window.history.state as { idx?: number } | null)?.idx ? nav(-1) : nav('/residents'));

  const basic: Items = [
    { key: 'idType', label: t('residents.field.idType'), children: codeLabel(ID_TYPES, r.idType) },
    { key: 'idNumber', label: r.idType === 'resident_id_card' ? t('residents.field.idNumber') : t('residents.idNumberGeneric'), children: reveal('idNumber', r.idNumber) },
    { key: 'sex', label: t('residents.field.sex'), children: <SexMark sex={r.sex} withText /> },
    { key: 'birthDate', label: t('residents.field.birthDate'), children: r.birthDate ? t('residents.p.paren', { a: fmtDate(r.birthDate), b: t('residents.ageYears', { age: r.age }) }) : dash },
    { key: 'ethnicity', label: t('residents.field.ethnicity'), children: show(codeLabel(ETHNICITIES, r.ethnicity)) },
    { key: 'hukouType', label: t('residents.field.hukouType'), children: show(codeLabel(HUKOU_TYPES, r.hukouType)) },
    { key: 'hukouAddress', label: t('residents.field.hukouAddress'), children: show(r.hukouAddress), span: { xs: 1, sm: 2, xl: 3 } },
  ];
  const address = formatAddress(t, r);
  const residence: Items = [
    { key: 'community', label: t('residents.field.communityId'), children: r.communityName },
    { key: 'address', label: t('residents.field.address'), children: show(address) },
    { key: 'detail', label: t('residents.field.addressDetail'), children: show(r.addressDetail) },
  ];
  const status: Items = [
    { key: 'marital', label: t('residents.field.maritalStatus'), children: show(codeLabel(MARITAL_STATUSES, r.maritalStatus)) },
    { key: 'education', label: t('residents.field.education'), children: show(codeLabel(EDUCATIONS, r.education)) },
    { key: 'employment', label: t('residents.field.employment'), children: show(codeLabel(EMPLOYMENTS, r.employment)) },
    { key: 'health', label: t('residents.field.health'), children: show(codeLabel(HEALTH_STATUSES, r.health)) },
    {
      key: 'disability',
      label: t('residents.detail.disability'),
      children: r.disabilityType ? `${codeLabel(DISABILITY_TYPES, r.disabilityType)}${r.disabilityGrade ? ` · ${codeLabel(DISABILITY_GRADES, String(r.disabilityGrade))}` : ''}` : t('residents.none'),
    },
    { key: 'income', label: t('residents.field.incomeStatus'), children: show(codeLabel(INCOME_STATUSES, r.incomeStatus)) },
  ];
  const guardian: Items = [
    { key: 'gName', label: t('residents.field.guardianName'), children: show(r.guardianName) },
    { key: 'gRel', label: t('residents.field.guardianRelation'), children: show(r.guardianRelation) },
    { key: 'gPhone', label: t('residents.field.guardianPhone'), children: reveal('guardianPhone', r.guardianPhone) },
  ];
  const emergency: Items = [
    { key: 'eName', label: t('residents.field.emergencyName'), children: show(r.emergencyName) },
    { key: 'eRel', label: t('residents.field.emergencyRelation'), children: show(r.emergencyRelation) },
    { key: 'ePhone', label: t('residents.field.emergencyPhone'), children: reveal('emergencyPhone', r.emergencyPhone) },
  ];
  const consent: Items = [
    { key: 'basis', label: t('residents.field.consentBasis'), children: show(codeLabel(CONSENT_BASES, r.consentBasis)) },
    { key: 'date', label: t('residents.field.consentDate'), children: show(r.consentDate && fmtDate(r.consentDate)) },
    { key: 'by', label: t('residents.field.consentRecordedBy'), children: show(recorder) },
    { key: 'at', label: t('residents.field.consentRecordedAt'), children: show(r.consentRecordedAt && fmtDateTime(r.consentRecordedAt)) },
    { key: 'scope', label: t('residents.field.consentScope'), children: show(r.consentScope), span: { xs: 1, sm: 2, xl: 2 } },
  ];

  return (
    <div>
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={back} style={{ paddingInline: 0, marginBottom: 8 }} className="no-print">
        {t('residents.detail.back')}
      </Button>
      {r.archivedAt && (
        <Alert
          type="warning"
          showIcon
          icon={<StopOutlined />}
          title={t('residents.detail.archivedBanner', { date: fmtDate(r.archivedAt) })}
          description={r.archiveReason ? t('residents.detail.archivedReason', { reason: t(`residents.archive.reasons.${r.archiveReason}`) }) : undefined}
          action={abilities.restore ? <ResidentRestoreButton residentId={r.id} /> : undefined}
          style={{ marginBottom: 12 }}
        />
      )}
      {warnings.map((w, i) => (
        <Alert
          key={i}
          type="warning"
          showIcon
          closable
          style={{ marginBottom: 12 }}
          title={t('residents.detail.dupWarningTitle')}
          description={
            <span>
              {t('residents.detail.dupWarning')}
              {w.candidates.map((c) => (
                <Link key={c.id} to={`/residents/${c.id}`} style={{ marginInlineStart: 8 }}>
                  {t('residents.p.paren', { a: c.name, b: `${fmtDate(c.birthDate)}${t('residents.p.comma')}${c.communityName}` })}
                </Link>
              ))}
            </span>
          }
        />
      ))}
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex justify="space-between" align="flex-start" gap={12} wrap>
          <div>
            <Flex align="baseline" gap={10} wrap>
              <Typography.Title level={3} style={{ margin: 0 }}>
                {r.name}
              </Typography.Title>
              <SexMark sex={r.sex} withText />
              {r.age != null && <Typography.Text>{t('residents.ageYears', { age: r.age })}</Typography.Text>}
              {minor && <Tag color="orange">{t('residents.minor')}</Tag>}
              <Typography.Text type="secondary">{r.communityName}</Typography.Text>
            </Flex>
            {address && <Typography.Text type="secondary">{address}</Typography.Text>}
            {active.length > 0 && (
              <div style={{ marginTop: 6 }}>
                {active.map((x) => (
                  <ResidentTagChip key={x.id} tag={x.tag} />
                ))}
              </div>
            )}
          </div>
          <Space wrap className="no-print">
            {abilities.update && (
              <Button type="primary" icon={<EditOutlined />} onClick={() => nav(`/residents/${r.id}/edit`, { state: { fromDetail: true } })}>
                {t('residents.detail.edit')}
              </Button>
            )}
            {abilities.archive && (
              <Button danger icon={<StopOutlined />} onClick={() => setArchiving(true)}>
                {t('residents.detail.archive')}
              </Button>
            )}
            <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
              {t('residents.detail.print')}
            </Button>
          </Space>
        </Flex>
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={16}>
          <Flex vertical gap={12}>
            <Section title={t('residents.detail.basic')} items={basic} />
            <Section title={t('residents.detail.contactAddress')} items={[{ key: 'phone', label: t('residents.field.phone'), children: reveal('phone', r.phone) }, ...residence]} />
            <ResidentHouseholdCard resident={r} />
            <Section title={t('residents.detail.status')} items={status} />
            {minor ? (
              <>
                <Section
                  title={
                    <span>
                      <WarningOutlined style={{ color: '#d97706', marginInlineEnd: 6 }} />
                      {t('residents.detail.guardianMinor')}
                    </span>
                  }
                  highlight
                  items={guardian}
                >
                  {!r.guardianName && <Alert type="warning" showIcon title={t('residents.detail.guardianMissing')} style={{ marginBottom: 8 }} />}
                </Section>
                <Section title={t('residents.detail.emergency')} items={emergency} />
              </>
            ) : (
              <Section title={t('residents.detail.guardianEmergency')}>
                <Descriptions size="small" column={{ xs: 1, sm: 2, xl: 3 }} items={emergency} />
                {(r.guardianName || r.guardianPhone) && <Descriptions size="small" column={{ xs: 1, sm: 2, xl: 3 }} items={guardian} style={{ marginTop: 4 }} />}
              </Section>
            )}
            <Section title={t('residents.detail.consent')} items={consent}>
              {!r.consentBasis && <Alert type="info" showIcon title={t('residents.detail.consentMissing')} style={{ marginBottom: 8 }} />}
            </Section>
          </Flex>
        </Col>
        <Col xs={24} lg={8}>
          <Flex vertical gap={12}>
            <ResidentCasesCard residentId={r.id} />
            <ResidentReferralsCard residentId={r.id} />
            <Card size="small" title={t('residents.detail.tags')}>
              {r.tags.length === 0 ? (
                <Typography.Text type="secondary">{t('residents.detail.noTags')}</Typography.Text>
              ) : (
                <Flex vertical gap={6}>
                  {r.tags.map((x) => {
                    const notStarted = !x.active && !!x.startDate && x.startDate > beijingToday();
                    const period = [x.startDate ? t('residents.detail.tagFrom', { date: x.startDate }) : '', x.endDate ? t('residents.detail.tagUntil', { date: x.endDate }) : t('residents.detail.tagOpenEnded')].filter(Boolean).join(' ');
                    return (
                      <div key={x.id} style={{ opacity: x.active ? 1 : 0.65 }}>
                        <ResidentTagChip tag={x.tag} inactive={!x.active} />
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {codeLabel(TAG_GROUPS, tagGroupOf(x.tag))} · {period}
                          {!x.active && ` · ${notStarted ? t('residents.detail.tagNotStarted') : t('residents.detail.tagEnded')}`}
                        </Typography.Text>
                        {x.note && <div style={{ fontSize: 12, color: '#475569', paddingInlineStart: 4 }}>{x.note}</div>}
                      </div>
                    );
                  })}
                </Flex>
              )}
            </Card>
            <Card size="small" title={t('residents.detail.note')}>
              {r.note ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{r.note}</Typography.Paragraph> : dash}
            </Card>
            <Card size="small" title={t('residents.detail.history')}>
              <ResidentHistory residentId={r.id} communityId={r.communityId} communityName={r.communityName} />
            </Card>
          </Flex>
        </Col>
      </Row>
      {abilities.archive && <ResidentArchiveModal residentId={r.id} name={r.name} open={archiving} onClose={() => setArchiving(false)} />}
    </div>
  );
}

/** 居民详情: everything recorded about one resident, with the actions the server allows. */
export default function ResidentDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const q = useResident(id);
  if (q.isPending) return <Loading />;
  if (q.error) {
    if (isNotFound(q.error)) {
      return <RecordNotFound title={t('residents.detail.notFoundTitle')} hint={t('residents.detail.notFoundHint')} backTo="/residents" backLabel={t('residents.detail.back')} />;
    }
    return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  }
  return <Body r={q.data.data} abilities={q.data.abilities} />;
}
