import { PlusOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { SERVICE_AREAS } from '../../../../common/codes/case.codes';
import type { CaseListItem } from '../../../../common/schemas/cases.schema';
import { useCan } from '../../app/auth';
import { errorMessage } from '../../lib/feedback';
import { fmtDate } from '../../lib/format';
import { codeLabel } from '../../lib/i18n';
import { CaseKindTag, CaseStatusTag, RiskTag } from './CaseBits';
import { useCaseList } from './cases.api';

const SHOWN = 5;

function CaseRow({ c }: { c: CaseListItem }) {
  const { t } = useTranslation();
  return (
    <div style={{ padding: '8px 0', borderBottom: '1px solid #f1f5f9' }}>
      <Flex justify="space-between" align="center" gap={8}>
        <Link to={`/cases/${c.id}`} style={{ minWidth: 0 }}>
          <span className="masked">{c.caseNo}</span>
        </Link>
        <Flex gap={4} wrap justify="flex-end">
          <CaseStatusTag status={c.status} />
          <RiskTag risk={c.riskLevel} />
          <CaseKindTag kind={c.kind} restricted={c.restricted} />
        </Flex>
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
        {codeLabel(SERVICE_AREAS, c.serviceArea)} · {fmtDate(c.intakeDate)}
        {c.leadName && ` · ${t('cases.residentCard.lead', { name: c.leadName })}`}
      </Typography.Text>
      <Flex gap={12} style={{ fontSize: 12 }} wrap>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('cases.residentCard.records', { count: c.recordCount })}
        </Typography.Text>
        <Link to={`/cases/${c.id}?tab=referrals`}>{t('cases.residentCard.referrals')}</Link>
      </Flex>
    </div>
  );
}

/** 个案 on a resident's page: the cases of this resident the viewer may see. */
export function ResidentCasesCard({ residentId }: { residentId: string }) {
  const { t } = useTranslation();
  const canRead = useCan('cases.read');
  const canWrite = useCan('cases.write');
  const q = useCaseList({ residentId, mine: 'all', pageSize: 20, sort: 'intakeDate', order: 'desc' }, canRead);
  if (!canRead) return null;
  const rows = q.data?.data ?? [];
  return (
    <Card
      size="small"
      title={t('cases.residentCard.title')}
      extra={
        canWrite && (
          <Link to={`/cases/new?residentId=${residentId}`}>
            <Button size="small" icon={<PlusOutlined />}>
              {t('cases.residentCard.create')}
            </Button>
          </Link>
        )
      }
    >
      {q.isPending ? (
        <Spin size="small" />
      ) : q.error ? (
        <Typography.Text type="secondary">{errorMessage(q.error)}</Typography.Text>
      ) : rows.length === 0 ? (
        <Typography.Text type="secondary">{t('cases.residentCard.empty')}</Typography.Text>
      ) : (
        <>
          {rows.slice(0, SHOWN).map((c) => (
            <CaseRow key={c.id} c={c} />
          ))}
          {(q.data?.total ?? 0) > SHOWN && (
            <Link to={`/cases?q=${encodeURIComponent(rows[0].clientName)}&mine=all`} style={{ display: 'inline-block', marginTop: 8 }}>
              {t('cases.residentCard.more', { count: q.data?.total })} <RightOutlined />
            </Link>
          )}
        </>
      )}
    </Card>
  );
}
