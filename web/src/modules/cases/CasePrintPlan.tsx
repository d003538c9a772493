import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { GOAL_ATTAINMENTS, PLAN_STATUSES } from '../../../../common/codes/case.codes';
import type { Case, CasePlan, CaseTask } from '../../../../common/schemas/cases.schema';
import { api, type Page } from '../../lib/api';
import { fmtDate } from '../../lib/format';
import { codeLabel } from '../../lib/i18n';
import { Part, Row2, text, type Pair } from './CasePrintParts';

/** The versions a case file keeps: every approved one, and the latest whatever its state. */
const kept = (plans: CasePlan[]) => plans.filter((p, i) => p.status === 'approved' || i === plans.length - 1);

/**
 * A task as it ended: done (on its date), cancelled, or not done once its version was replaced or the
 * case ended; while it is the plan in force, still open.
 */
function TaskEnd({ x, ended }: { x: CaseTask; ended: boolean }) {
  const { t } = useTranslation();
  if (x.status === 'done') return <>{t('cases.print.taskDone')}{x.doneAt && <div className="muted">{fmtDate(x.doneAt)}</div>}</>;
  if (x.status === 'cancelled') return <>{t('cases.print.taskCancelled')}</>;
  return <>{ended ? t('cases.print.taskNotDone') : t('cases.print.taskOpen')}</>;
}

function Version({ p, replacedBy, caseEnded }: { p: CasePlan; replacedBy: CasePlan | null; caseEnded: boolean }) {
  const { t } = useTranslation();
  const state = [
    codeLabel(PLAN_STATUSES, p.status),
    p.reviewedByName ? t('cases.plan.reviewedBy', { name: p.reviewedByName, time: fmtDate(p.reviewedAt) }) : null,
    replacedBy ? t('cases.print.replacedBy', { version: replacedBy.version, date: fmtDate(replacedBy.reviewedAt) }) : null,
  ].filter(Boolean).join(' · ');
  return (
    <div className="plan-version">
      <h3>{t('cases.plan.version', { version: p.version })}{t('cases.c')}{state}</h3>
      <Row2
        items={[
          [t('cases.plan.period'), `${fmtDate(p.startDate)} ~ ${fmtDate(p.endDate)}`, 'full'],
          [t('cases.plan.strategy'), text(p.strategy), 'full'],
          [t('cases.plan.roles'), text(p.roles), 'full'],
          ...(p.reviewComment ? ([[t('cases.review.comment'), text(p.reviewComment), 'full']] as Pair[]) : []),
        ]}
      />
      <table>
        <thead>
          <tr>
            <th style={{ width: '8mm' }}>#</th>
            <th>{t('cases.plan.goalTitle')}</th>
            <th>{t('cases.plan.indicator')}</th>
            <th style={{ width: '22mm' }}>{t('cases.plan.baseline')}</th>
            <th style={{ width: '22mm' }}>{t('cases.plan.target')}</th>
            <th style={{ width: '22mm' }}>{t('cases.plan.attainment')}</th>
          </tr>
        </thead>
        <tbody>
          {p.goals.map((g, i) => (
            <tr key={g.id}>
              <td>{i + 1}</td>
              <td>{g.title}</td>
              <td>{g.indicator}</td>
              <td>{g.baseline ?? ''}</td>
              <td>{g.target ?? ''}</td>
              <td>{codeLabel(GOAL_ATTAINMENTS, g.attainment)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table>
        <thead>
          <tr>
            <th>{t('cases.plan.task')}</th>
            <th style={{ width: '14mm' }}>{t('cases.plan.taskGoal')}</th>
            <th style={{ width: '28mm' }}>{t('cases.plan.owner')}</th>
            <th style={{ width: '22mm' }}>{t('cases.plan.dueDate')}</th>
            <th style={{ width: '22mm' }}>{t('cases.print.taskEnd')}</th>
          </tr>
        </thead>
        <tbody>
          {p.tasks.map((x) => {
            const gi = p.goals.findIndex((g) => g.id === x.goalId);
            return (
              <tr key={x.id}>
                <td>{x.title}</td>
                <td>{gi >= 0 ? gi + 1 : ''}</td>
                <td>{[x.ownerName, x.ownerText].filter(Boolean).join('、')}</td>
                <td>{x.dueDate ? fmtDate(x.dueDate) : ''}</td>
                <td><TaskEnd x={x} ended={caseEnded || !!replacedBy} /></td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** 三、服务计划 of the printed file: each version kept, oldest first, its tasks as they ended. */
export function PrintPlans({ c }: { c: Case }) {
  const { t } = useTranslation();
  const plans = useQuery({ queryKey: ['cases', 'one', c.id, 'print', 'plans'], queryFn: () => api.get<Page<CasePlan>>(`/api/cases/${c.id}/plans`) });
  const caseEnded = ['closed', 'declined', 'referred_out'].includes(c.status);
  return (
    <Part query={plans}>
      {({ data }) => {
        const versions = kept(data);
        if (!versions.length) return <p className="muted">{t('cases.print.noPlan')}</p>;
        return (
          <>
            {versions.map((p) => {
              // The version that took its place: the next one approved.
              const replacedBy = data.find((n) => n.version > p.version && n.status === 'approved') ?? null;
              return <Version key={p.id} p={p} replacedBy={p.status === 'approved' ? replacedBy : null} caseEnded={caseEnded} />;
            })}
          </>
        );
      }}
    </Part>
  );
}
