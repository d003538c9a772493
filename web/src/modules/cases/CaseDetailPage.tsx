import { Alert, Badge, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import type { Case, CaseAbilities } from '../../../../common/schemas/cases.schema';
import { ErrorState, isNotFound, Loading, RecordNotFound } from '../../app/states';
import { CaseAssessmentsTab } from '../assessments/CaseAssessmentsTab';
import { CaseEcomapTab } from '../networks/CaseEcomapTab';
import { CaseReferralsTab } from '../referrals/CaseReferralsTab';
import { CaseSafeguardingTab } from '../safeguarding/CaseSafeguardingTab';
import { CaseClosureTab } from './CaseClosureTab';
import { CaseFollowupsTab } from './CaseFollowupsTab';
import { CaseHeader, type CaseTab } from './CaseHeader';
import { CaseHistoryTab } from './CaseHistoryTab';
import { CaseOverviewTab } from './CaseOverviewTab';
import { CasePlanTab } from './CasePlanTab';
import { CaseRecordForm } from './CaseRecordForm';
import { CaseRecordsTab } from './CaseRecordsTab';
import { useCase } from './cases.api';

const TABS: CaseTab[] = ['overview', 'assessments', 'plan', 'records', 'referrals', 'ecomap', 'safeguarding', 'closure', 'followups', 'history'];

function Body({ c, abilities }: { c: Case; abilities: CaseAbilities }) {
  const { t } = useTranslation();
  const [sp, setSp] = useSearchParams();
  // Off the team, a manager reads the summary only (个人信息保护法 第6条): no tab the server would refuse,
  // save the plan or the closure request they are to approve.
  const tabs: CaseTab[] = abilities.readFile
    ? TABS
    : ['overview', ...(abilities.approve ? [c.status === 'plan_review' ? ('plan' as const) : ('closure' as const)] : [])];
  const tabParam = sp.get('tab') as CaseTab | null;
  const tab: CaseTab = tabParam && tabs.includes(tabParam) ? tabParam : 'overview';
  const [recordFor, setRecordFor] = useState<{ followupId?: string } | null>(null);
  const [planEditing, setPlanEditing] = useState(false);

  const goTo = (next: CaseTab) => {
    setSp((prev) => {
      const p = new URLSearchParams(prev);
      if (next === 'overview') p.delete('tab');
      else p.set('tab', next);
      return p;
    }, { replace: true });
  };
  const openTasks = c.plan?.tasks.filter((x) => x.status === 'open').length ?? 0;
  // After-closure visits fall due once the case is closed; order visits (告诫书/保护令) at once.
  const dueFollowups = c.followups.filter((f) => !f.doneAt && f.overdue && (c.status === 'closed' || f.kind !== 'after_closure')).length;
  const label = (key: CaseTab, count?: number, warn?: boolean) => (
    <span>
      {t(`cases.detail.tabs.${key}`)}
      {!!count && <Badge count={count} size="small" color={warn ? '#dc2626' : '#64748b'} style={{ marginInlineStart: 6 }} />}
    </span>
  );

  const all = [
    { key: 'overview', label: label('overview'), children: <CaseOverviewTab c={c} abilities={abilities} /> },
    { key: 'assessments', label: label('assessments'), children: <CaseAssessmentsTab caseId={c.id} abilities={abilities} /> },
    {
      key: 'plan',
      label: label('plan', openTasks),
      children: <CasePlanTab c={c} abilities={abilities} editing={planEditing} setEditing={setPlanEditing} />,
    },
    { key: 'records', label: label('records', c.recordCount), children: <CaseRecordsTab c={c} abilities={abilities} onAdd={() => setRecordFor({})} /> },
    { key: 'referrals', label: label('referrals'), children: <CaseReferralsTab caseId={c.id} abilities={abilities} /> },
    { key: 'ecomap', label: label('ecomap'), children: <CaseEcomapTab caseId={c.id} clientName={c.clientName} abilities={abilities} /> },
    { key: 'safeguarding', label: label('safeguarding'), children: <CaseSafeguardingTab caseId={c.id} kind={c.kind} abilities={abilities} /> },
    { key: 'closure', label: label('closure'), children: <CaseClosureTab c={c} abilities={abilities} goTo={goTo} /> },
    {
      key: 'followups',
      label: label('followups', dueFollowups, true),
      children: <CaseFollowupsTab c={c} abilities={abilities} onRecord={(followupId) => setRecordFor({ followupId })} />,
    },
    { key: 'history', label: label('history'), children: <CaseHistoryTab caseId={c.id} /> },
  ];
  const items = all.filter((x) => tabs.includes(x.key as CaseTab));

  return (
    <div>
      <CaseHeader
        c={c}
        abilities={abilities}
        goTo={goTo}
        onAddRecord={() => setRecordFor({})}
        onRecordFollowup={(followupId) => setRecordFor({ followupId })}
        onEditPlan={() => {
          goTo('plan');
          setPlanEditing(true);
        }}
      />
      {!abilities.readFile && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('cases.detail.summaryOnly')} />}
      <Tabs activeKey={tab} onChange={(k) => goTo(k as CaseTab)} items={items} className="case-tabs" style={{ background: '#fff', padding: '0 12px 12px', borderRadius: 8 }} />
      <CaseRecordForm c={c} open={!!recordFor} followupId={recordFor?.followupId} onClose={() => setRecordFor(null)} onSaved={() => goTo(recordFor?.followupId ? 'followups' : 'records')} />
    </div>
  );
}

/** 个案详情: one case from 接案 to 结案 and 回访, with the tabs of each step. */
export default function CaseDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const q = useCase(id);
  if (q.isPending) return <Loading />;
  if (q.error) {
    if (isNotFound(q.error)) return <RecordNotFound title={t('cases.detail.notFoundTitle')} hint={t('cases.detail.notFoundHint')} backTo="/cases" backLabel={t('cases.detail.back')} />;
    return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  }
  return <Body c={q.data.data} abilities={q.data.abilities} />;
}
