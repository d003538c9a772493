import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Space } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  CASE_KINDS, CASE_SOURCES, CASE_STATUSES, CLOSURE_REASONS, CONSENT_BASES, FOLLOWUP_KINDS, RECORD_MODES, REFERRAL_STATUSES, RETENTION_PERIODS,
  SERVICE_AREAS, TEAM_ROLES,
} from '../../../../common/codes/case.codes';
import { SEXES } from '../../../../common/codes/resident.codes';
import { TAG_GROUPS } from '../../../../common/codes/tag.codes';
import type { AssessmentListItem } from '../../../../common/schemas/assessments.schema';
import type { Case } from '../../../../common/schemas/cases.schema';
import type { Referral } from '../../../../common/schemas/referrals.schema';
import { ErrorState, isNotFound, Loading, RecordNotFound } from '../../app/states';
import { api, type Page } from '../../lib/api';
import { fmtDate, fmtDateTime } from '../../lib/format';
import { codeLabel, currentLang } from '../../lib/i18n';
import { allRecords, l10n, Part, PRINT_CSS, Row2, text, useSheetZoom, type Pair } from './CasePrintParts';
import { PrintPlans } from './CasePrintPlan';
import { useCase } from './cases.api';
import { useRiskLevels } from '../settings/settings.api';

function Sheet({ c }: { c: Case }) {
  const { t } = useTranslation();
  const zoom = useSheetZoom();
  const riskLevels = useRiskLevels();
  const assessments = useQuery({ queryKey: ['cases', 'one', c.id, 'print', 'assessments'], queryFn: () => api.get<Page<AssessmentListItem>>(`/api/cases/${c.id}/assessments`) });
  const referrals = useQuery({ queryKey: ['cases', 'one', c.id, 'print', 'referrals'], queryFn: () => api.get<Page<Referral>>(`/api/cases/${c.id}/referrals`) });
  const records = useQuery({ queryKey: ['cases', 'one', c.id, 'print', 'records'], queryFn: () => allRecords(c.id) });
  const lead = c.team.find((m) => m.role === 'lead' && m.active);
  const others = c.team.filter((m) => m.active && m.role !== 'lead');

  return (
    <div className="case-print" style={{ zoom }}>
      <div className="secret">{t('cases.print.confidential')}</div>
      <h1>{t('cases.print.title')}</h1>
      <div className="meta">
        <span>
          {t('cases.field.caseNo')}{t('cases.c')}{c.caseNo}
        </span>
        <span>
          {t('cases.closure.archiveNo')}{t('cases.c')}{c.archiveNo ?? '—'}
          {c.retention && `（${codeLabel(RETENTION_PERIODS, c.retention)}）`}
        </span>
        <span>
          {t('cases.field.community')}{t('cases.c')}{c.communityName}
        </span>
        <span>
          {t('cases.field.status')}{t('cases.c')}{codeLabel(CASE_STATUSES, c.status)}
        </span>
      </div>

      <h2>{t('cases.print.intake')}</h2>
      <Row2
        items={[
          [t('cases.field.client'), c.client.name],
          [t('cases.field.sex'), `${codeLabel(SEXES, c.client.sex)}${c.client.age != null ? ` · ${t('cases.ageYears', { age: c.client.age })}` : ''}`],
          [t('cases.field.phone'), c.client.phone ?? '—'],
          [t('cases.field.address'), c.client.address || '—'],
          [t('cases.field.intakeDate'), fmtDate(c.intakeDate)],
          [t('cases.field.source'), codeLabel(CASE_SOURCES, c.source)],
          [t('cases.field.kind'), codeLabel(CASE_KINDS, c.kind)],
          [t('cases.field.serviceArea'), codeLabel(SERVICE_AREAS, c.serviceArea)],
          [t('cases.field.targetGroup'), codeLabel(TAG_GROUPS, c.targetGroup) || '—'],
          [t('cases.field.riskLevel'), riskLevels.label(c.riskLevel)],
          ...(c.referralSourceNote ? ([[t('cases.field.referralSourceNote'), text(c.referralSourceNote), 'full']] as Pair[]) : []),
          [t('cases.field.presentingProblem'), text(c.presentingProblem), 'full'],
          [t('cases.field.consentBasis'), `${codeLabel(CONSENT_BASES, c.consentBasis) || '—'}${c.consentDate ? ` · ${fmtDate(c.consentDate)}` : ''}${c.consentRecordedByName ? ` · ${t('cases.overview.recordedBy', { name: c.consentRecordedByName })}` : ''}`],
          [t('cases.field.agreementSigned'), c.agreementSigned ? (c.agreementDate ? t('cases.overview.agreementYesOn', { date: fmtDate(c.agreementDate) }) : t('cases.overview.agreementYes')) : t('cases.overview.agreementNo')],
          ...(c.juvenile || c.guardianName ? ([[t('cases.overview.guardian'), `${c.guardianName ?? '—'}${c.guardianRelation ? `（${c.guardianRelation}）` : ''}`]] as Pair[]) : []),
          [t('cases.field.lead'), lead?.name ?? c.leadName ?? '—'],
          [t('cases.field.supervisor'), c.supervisorName ?? '—'],
          ...(others.length
            ? ([[t('cases.print.team'), others.map((m) => `${m.name}（${codeLabel(TEAM_ROLES, m.role)}${m.org ? `，${m.org}` : ''}${m.discipline ? `，${m.discipline}` : ''}）`).join('；'), 'full']] as Pair[])
            : []),
        ]}
      />

      <h2>{t('cases.print.assessments')}</h2>
      <Part query={assessments}>
        {({ data }) =>
          data.length === 0 ? (
            <p className="muted">{t('cases.print.noAssessments')}</p>
          ) : (
            <>
              {data.map((a) => (
                <div key={a.id}>
                  <h3>
                    {currentLang() === 'en' && a.instrument.nameEn ? a.instrument.nameEn : a.instrument.name} · {t('cases.print.assessedOn')} {fmtDate(a.assessedOn)}
                    {a.assessors.length > 0 && ` · ${a.assessors.map((x) => x.name).join('、')}${a.otherAssessor ? `、${a.otherAssessor}` : ''}`}
                  </h3>
                  <table>
                    <tbody>
                      {a.result.level && (
                        <tr>
                          <th>{l10n(a.result.level.label)}</th>
                          <td>
                            <b>{l10n(a.result.level.valueLabel) || a.result.level.value}</b>
                            {a.result.level.notes.length > 0 && <span className="muted">（{a.result.level.notes.map(l10n).join('；')}）</span>}
                          </td>
                        </tr>
                      )}
                      {a.result.sections.map((s) => (
                        <tr key={s.key}>
                          <th>{l10n(s.title)}</th>
                          <td>
                            {s.score != null ? `${s.score}${s.maxScore != null ? ` / ${s.maxScore}` : ''}` : ''}
                            {s.gradeLabel && ` · ${l10n(s.gradeLabel)}`}
                            {s.score == null && !s.gradeLabel && '—'}
                          </td>
                        </tr>
                      ))}
                      {a.summary && (
                        <tr>
                          <th>{t('cases.print.summary')}</th>
                          <td>{text(a.summary)}</td>
                        </tr>
                      )}
                    </tbody>
                  </table>
                </div>
              ))}
            </>
          )
        }
      </Part>

      <h2>{t('cases.print.plan')}</h2>
      <PrintPlans c={c} />

      <h2>{t('cases.print.records')}</h2>
      <Part query={records}>
        {(rows) =>
          rows.length === 0 ? (
            <p className="muted">{t('cases.print.noRecords')}</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th style={{ width: '22mm' }}>{t('cases.recordForm.serviceDate')}</th>
                  <th style={{ width: '18mm' }}>{t('cases.recordForm.mode')}</th>
                  <th>{t('cases.recordForm.content')}</th>
                  <th style={{ width: '22mm' }}>{t('cases.print.recorder')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id}>
                    <td>
                      {fmtDate(r.serviceDate)}
                      <div className="muted">{t('cases.records.minutes', { count: r.durationMinutes })}</div>
                    </td>
                    <td>
                      {codeLabel(RECORD_MODES, r.mode)}
                      {r.kind === 'followup' && <div className="muted">{t('cases.records.followupTag')}</div>}
                    </td>
                    <td>
                      <span className="pre">{r.content}</span>
                      {r.goalTitle && <div className="muted">{t('cases.records.goalServed')}{t('cases.c')}{r.goalTitle}</div>}
                      {r.nextStep && <div className="muted">{t('cases.records.nextStep')}{t('cases.c')}{r.nextStep}</div>}
                      {r.attachments.length > 0 && <div className="muted">{t('cases.records.attachments')}{t('cases.c')}{r.attachments.map((a) => a.fileName).join('、')}</div>}
                    </td>
                    <td>
                      {r.createdByName ?? ''}
                      <div className="muted">{fmtDate(r.createdAt)}</div>
                      {r.late && <div>【{t('cases.records.late')}】</div>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Part>

      <h2>{t('cases.print.referrals')}</h2>
      <Part query={referrals}>
        {({ data }) =>
          data.length === 0 ? (
            <p className="muted">{t('cases.print.noReferrals')}</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th style={{ width: '22mm' }}>{t('cases.print.sentOn')}</th>
                  <th style={{ width: '36mm' }}>{t('cases.print.referredTo')}</th>
                  <th>{t('cases.decide.reason')}</th>
                  <th style={{ width: '18mm' }}>{t('cases.field.status')}</th>
                </tr>
              </thead>
              <tbody>
                {data.map((r) => (
                  <tr key={r.id}>
                    <td>{fmtDate(r.sentAt)}</td>
                    <td>{r.to.name}</td>
                    <td>
                      <span className="pre">{r.reason}</span>
                      {r.feedback && <div className="muted">{r.feedback}</div>}
                    </td>
                    <td>{codeLabel(REFERRAL_STATUSES, r.status)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Part>

      <h2>{t('cases.print.evaluation')}</h2>
      {!c.closureRequestedAt && !c.closedAt ? (
        <p className="muted">{t('cases.print.notClosed')}</p>
      ) : (
        <Row2
          items={[
            [t('cases.closure.closureReason'), codeLabel(CLOSURE_REASONS, c.closureReason) || '—'],
            [t('cases.closure.closedAt'), c.closedAt ? `${fmtDateTime(c.closedAt)}${c.closedByName ? ` · ${c.closedByName}` : ''}` : '—'],
            [t('cases.closure.clientFeedback'), text(c.clientFeedback), 'full'],
            [t('cases.closure.closureSummary'), text(c.closureSummary), 'full'],
            ...(c.openTasksNote ? ([[t('cases.closure.openTasksNote'), text(c.openTasksNote), 'full']] as Pair[]) : []),
            ...(c.openReferralsNote ? ([[t('cases.closure.openReferralsNote'), text(c.openReferralsNote), 'full']] as Pair[]) : []),
          ]}
        />
      )}

      {c.followups.length > 0 && (
        <>
          <h2>{t('cases.print.followups')}</h2>
          <table>
            <thead>
              <tr>
                <th style={{ width: '26mm' }}>{t('cases.followups.due')}</th>
                <th>{t('cases.followups.note')}</th>
                <th style={{ width: '26mm' }}>{t('cases.followups.assignee')}</th>
                <th style={{ width: '26mm' }}>{t('cases.followups.done')}</th>
              </tr>
            </thead>
            <tbody>
              {c.followups.map((f) => (
                <tr key={f.id}>
                  <td>{fmtDate(f.dueDate)}</td>
                  <td>
                    {codeLabel(FOLLOWUP_KINDS, f.kind)}
                    {f.note && ` · ${f.note}`}
                  </td>
                  <td>{f.assigneeName ?? ''}</td>
                  <td>{f.doneAt ? fmtDate(f.doneAt) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}

      <div className="sign">
        <div>{t('cases.print.signWorker')}{t('cases.c')}</div>
        <div>{t('cases.print.signSupervisor')}{t('cases.c')}</div>
        <div>{t('cases.print.signDate')}{t('cases.c')}</div>
        <div>{t('cases.print.signDate')}{t('cases.c')}</div>
      </div>
      <p className="muted" style={{ marginTop: '6mm', fontSize: '8.5pt', textAlign: 'right' }}>
        {t('cases.print.printedAt', { time: fmtDateTime(new Date().toISOString()) })}
      </p>
    </div>
  );
}

/** 打印个案档案: the whole case on A4, without the app around it. */
export default function CasePrintPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const q = useCase(id);
  // The sheet names the case's risk level: printing waits for the configured levels too.
  const riskLevels = useRiskLevels();
  let body: ReactNode;
  if (q.isPending) body = <Loading />;
  else if (q.error) {
    body = isNotFound(q.error) ? (
      <RecordNotFound title={t('cases.detail.notFoundTitle')} hint={t('cases.detail.notFoundHint')} backTo="/cases" backLabel={t('cases.detail.back')} />
    ) : (
      <ErrorState error={q.error} onRetry={() => void q.refetch()} />
    );
  } else if (!q.data.abilities.readFile) {
    // A manager off the team reads the case's summary only: there is no file to print.
    body = <Alert type="info" showIcon style={{ maxWidth: 640, margin: '24px auto' }} title={t('cases.detail.summaryOnly')} />;
  } else body = <Sheet c={q.data.data} />;
  return (
    <div className="case-print-screen">
      <style>{PRINT_CSS}</style>
      <div className="case-print-bar no-print">
        <Link to={`/cases/${id}`}>
          <Button icon={<ArrowLeftOutlined />}>{t('cases.print.back')}</Button>
        </Link>
        <Space>
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!q.data?.abilities.readFile || riskLevels.query.isPending}>
            {t('cases.print.print')}
          </Button>
        </Space>
      </div>
      {body}
    </div>
  );
}
