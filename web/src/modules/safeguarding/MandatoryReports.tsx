import { AlertOutlined, CheckCircleOutlined, LockOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MANDATORY_REPORT_KINDS, REPORT_METHODS } from '../../../../common/codes/case.codes';
import type { MandatoryReport } from '../../../../common/schemas/safeguarding.schema';
import { EmptyState, QueryState } from '../../app/states';
import { ApiError } from '../../lib/api';
import { fmtDateTime } from '../../lib/format';
import { codeLabel } from '../../lib/i18n';
import { DismissModal, FlagModal, RecordModal } from './MandatoryReportModals';
import { useMandatoryReports } from './safeguarding.api';
import { SectionTitle } from './SectionTitle';

/**
 * 强制报告: a red banner while a report is open (反家庭暴力法 第14条, 未成年人保护法 第11条, 戒毒条例
 * 第21条), the button that flags a suspicion, and the reports already made or dismissed. Only the case
 * team sees them: to a manager who oversees the case the server answers `safeguarding.team_only`,
 * and the card says so without telling whether there are any.
 */
export function MandatoryReports({ caseId, canWork }: { caseId: string; canWork: boolean }) {
  const { t } = useTranslation();
  const query = useMandatoryReports(caseId);
  const [flagging, setFlagging] = useState(false);
  const [recording, setRecording] = useState<MandatoryReport | null>(null);
  const [dismissing, setDismissing] = useState<MandatoryReport | null>(null);
  const teamOnly = query.error instanceof ApiError && query.error.code === 'safeguarding.team_only';

  return (
    <Card
      size="small"
      title={
        <SectionTitle
          title={t('safeguarding.reports.title')}
          action={
            canWork && (
              <Button danger icon={<AlertOutlined />} onClick={() => setFlagging(true)}>
                {t('safeguarding.reports.flag')}
              </Button>
            )
          }
        />
      }
    >
      {teamOnly ? (
        <Typography.Text type="secondary">
          <LockOutlined /> {t('safeguarding.reports.teamOnly')}
        </Typography.Text>
      ) : (
        <QueryState query={query}>
          {({ data }) => {
            const open = data.filter((r) => r.open);
            const done = data.filter((r) => !r.open);
            if (!data.length) return <EmptyState description={t('safeguarding.reports.noneYet')} />;
            return (
              <Space orientation="vertical" size={12} style={{ width: '100%' }}>
                {open.length > 0 && <OpenBanner open={open} canWork={canWork} onRecord={setRecording} onDismiss={setDismissing} />}
                {done.length > 0 && (
                  <div>
                    <Typography.Text strong>{t('safeguarding.reports.history')}</Typography.Text>
                    {done.map((r) => (
                      <ReportedItem key={r.id} r={r} />
                    ))}
                  </div>
                )}
              </Space>
            );
          }}
        </QueryState>
      )}
      {canWork && <FlagModal caseId={caseId} open={flagging} onClose={() => setFlagging(false)} />}
      {canWork && <RecordModal caseId={caseId} report={recording} onClose={() => setRecording(null)} />}
      {canWork && <DismissModal caseId={caseId} report={dismissing} onClose={() => setDismissing(null)} />}
    </Card>
  );
}

type BannerProps = { open: MandatoryReport[]; canWork: boolean; onRecord: (r: MandatoryReport) => void; onDismiss: (r: MandatoryReport) => void };

function OpenBanner({ open, canWork, onRecord, onDismiss }: BannerProps) {
  const { t } = useTranslation();
  const overdue = open.some((r) => r.overdue);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={overdue ? t('safeguarding.reports.overdueBanner') : t('safeguarding.reports.openBanner', { count: open.length })}
      description={
        <Space orientation="vertical" size={10} style={{ width: '100%' }}>
          {open.map((r) => (
            <Flex key={r.id} gap={8} wrap justify="space-between" align="flex-start">
              <div style={{ flex: '1 1 260px', minWidth: 0 }}>
                <Space size={6} wrap>
                  <Tag color={r.overdue ? 'red' : 'orange'} style={{ marginInlineEnd: 0 }}>
                    {r.overdue ? t('safeguarding.reports.overdueTag') : t('safeguarding.reports.dueTag')}
                  </Tag>
                  <Typography.Text strong>
                    {t('safeguarding.reports.openItem', {
                      kind: codeLabel(MANDATORY_REPORT_KINDS, r.kind),
                      due: fmtDateTime(r.dueAt),
                      to: t(`safeguarding.reportTo.${r.kind}`),
                      law: t(`safeguarding.law.${r.kind}`),
                    })}
                  </Typography.Text>
                </Space>
                <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>{r.concern}</Typography.Paragraph>
                <Identity r={r} />
              </div>
              {canWork && (
                <Space wrap>
                  <Button type="primary" danger onClick={() => onRecord(r)}>
                    {t('safeguarding.reports.record')}
                  </Button>
                  {r.dismissable && <Button onClick={() => onDismiss(r)}>{t('safeguarding.reports.dismiss')}</Button>}
                </Space>
              )}
            </Flex>
          ))}
        </Space>
      }
    />
  );
}

/** Who flagged, and who reported or dismissed it: the team sees them (第14条 keeps them from anyone else). */
function Identity({ r }: { r: MandatoryReport }) {
  const { t } = useTranslation();
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {t('safeguarding.reports.flaggedAt')} {fmtDateTime(r.flaggedAt)} · {t('safeguarding.reports.flaggedBy')} {r.flaggedByName ?? '—'}
      {r.reportedAt && ` · ${t('safeguarding.reports.reporter')} ${r.reporterName ?? '—'}`}
      {r.dismissedAt && ` · ${t('safeguarding.reports.dismissedAt')} ${fmtDateTime(r.dismissedAt)} · ${t('safeguarding.reports.dismissedBy')} ${r.dismissedByName ?? '—'}`}
    </Typography.Text>
  );
}

function ReportedItem({ r }: { r: MandatoryReport }) {
  const { t } = useTranslation();
  const pair = (key: string, value: string | null) => t('safeguarding.reports.pair', { label: t(`safeguarding.reports.${key}`), value: value ?? '—' });
  return (
    <div style={{ padding: '10px 0', borderTop: '1px solid #f0f0f0' }}>
      <Space size={6} wrap>
        <Typography.Text strong>
          {r.dismissedAt ? <StopOutlined /> : <CheckCircleOutlined style={{ color: '#52c41a' }} />} {codeLabel(MANDATORY_REPORT_KINDS, r.kind)}
        </Typography.Text>
        {r.late && <Tag color="warning">{t('safeguarding.reports.lateTag')}</Tag>}
        {r.dismissedAt && <Tag>{t('safeguarding.reports.dismissedTag')}</Tag>}
      </Space>
      <div style={{ whiteSpace: 'pre-wrap', margin: '4px 0' }}>{r.concern}</div>
      {r.dismissedAt ? (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '0 0 4px', fontSize: 13 }}>
          {t('safeguarding.reports.pair', { label: t('safeguarding.reports.dismissReason'), value: r.dismissReason })}
        </Typography.Paragraph>
      ) : (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
          {[
            pair('reportedAt', fmtDateTime(r.reportedAt)),
            pair('reportedTo', r.reportedTo),
            pair('method', codeLabel(REPORT_METHODS, r.method)),
            r.reference && pair('reference', r.reference),
          ]
            .filter(Boolean)
            .join(' · ')}
        </Typography.Text>
      )}
      <Identity r={r} />
    </div>
  );
}

