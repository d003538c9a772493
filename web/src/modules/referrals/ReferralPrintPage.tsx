import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { CONSENT_BASES } from '../../../../common/codes/case.codes';
import { SEXES } from '../../../../common/codes/resident.codes';
import type { Case } from '../../../../common/schemas/cases.schema';
import type { Referral } from '../../../../common/schemas/referrals.schema';
import { ErrorState, isNotFound, Loading, RecordNotFound } from '../../app/states';
import { fmtDate } from '../../lib/format';
import { codeLabel } from '../../lib/i18n';
import { PRINT_CSS, Row2, text, useSheetZoom, type Pair } from '../cases/CasePrintParts';
import { useCase } from '../cases/cases.api';
import { useReferral } from './referrals.api';

/** The form's own parts on top of the case file's A4 sheet: tick boxes, blanks to fill by hand, the tear-off line. */
const FORM_CSS = `
.referral-form { line-height: 1.45; }
.referral-form h1 { margin-bottom: 2mm; }
.referral-form h2 { font-size: 11pt; margin: 3.5mm 0 1.5mm; }
.referral-form th, .referral-form td { padding: 1mm 2mm; }
.referral-form .box::before { content: '□'; margin-inline-end: 1mm; }
.referral-form .ticks { display: flex; flex-wrap: wrap; gap: 0 6mm; }
.referral-form .blank { display: inline-block; min-width: 40mm; border-bottom: .6pt solid #000; height: 1.1em; vertical-align: bottom; }
.referral-form .blank.wide { min-width: 110mm; }
.referral-form .sign { grid-template-columns: 1fr 1fr 1fr; gap: 6mm; margin-top: 5mm; }
.referral-form .sign div { padding-bottom: 6mm; }
.referral-form .cut { border-top: 1pt dashed #000; margin: 7mm 0 4mm; text-align: center; font-size: 8.5pt; color: #333; line-height: 0; }
.referral-form .cut span { background: #fff; padding: 0 3mm; }
.referral-form .receipt { break-inside: avoid; }
.referral-form .receipt p { margin: 2mm 0; }
.referral-form .note { font-size: 9pt; }
`;

/** A short reference both sides quote on the phone and on the 回执: the referral's id, shortened. */
const formNo = (r: Referral) => `ZJ-${r.sentAt.slice(0, 4)}-${r.id.slice(0, 8).toUpperCase()}`;

const Blank = ({ wide = false }: { wide?: boolean }) => <span className={wide ? 'blank wide' : 'blank'} />;

function Sheet({ r, c }: { r: Referral; c: Case | null }) {
  const { t } = useTranslation();
  const zoom = useSheetZoom();
  const consent = [
    codeLabel(CONSENT_BASES, r.consentBasis),
    c?.consentDate ? fmtDate(c.consentDate) : null,
    c?.consentRecordedByName ? t('referrals.form.consentRecordedBy', { name: c.consentRecordedByName }) : null,
  ].filter(Boolean).join(' · ');
  const client: Pair[] = [
    [t('referrals.form.clientName'), r.client.name],
    [t('referrals.form.sexAge'), c ? `${codeLabel(SEXES, c.client.sex) || '—'}${c.client.age != null ? ` · ${t('referrals.form.age', { age: c.client.age })}` : ''}` : <Blank />],
    // Contact details go on paper only as far as the consent covers them: written in by hand.
    [t('referrals.form.clientPhone'), <Blank key="phone" />],
    [t('referrals.form.community'), r.client.communityName ?? '—'],
    [t('referrals.form.consent'), <span key="consent">{consent}<div className="note">{t('referrals.form.consentNote')}</div></span>, 'full'],
  ];
  const attachments = ['consentForm', 'assessment', 'plan', 'idCopy', 'certificates'] as const;
  const content: Pair[] = [
    [t('referrals.field.reason'), text(r.reason), 'full'],
    [t('referrals.field.servicesRequested'), text(r.servicesRequested), 'full'],
    [
      t('referrals.form.attachments'),
      <div className="ticks" key="att">
        {attachments.map((k) => (
          <span key={k} className="box">{t(`referrals.form.attachment.${k}`)}</span>
        ))}
        <span className="box">{t('referrals.form.attachment.other')}<Blank /></span>
      </div>,
      'full',
    ],
    [t('referrals.field.feedbackDue'), t('referrals.form.feedbackBy', { date: fmtDate(r.feedbackDue) }), 'full'],
  ];
  const to = r.to;

  return (
    <div className="case-print referral-form" style={{ zoom }}>
      <h1>{t('referrals.form.title')}</h1>
      <div className="meta">
        <span>{t('referrals.form.no')}{t('referrals.form.colon')}{formNo(r)}</span>
        {r.caseNo && <span>{t('referrals.form.caseNo')}{t('referrals.form.colon')}{r.caseNo}</span>}
        <span>{t('referrals.form.sentOn')}{t('referrals.form.colon')}{fmtDate(r.sentAt)}</span>
        {r.urgent && <span><b>{t('referrals.form.urgent')}</b></span>}
      </div>

      <h2>{t('referrals.form.fromSection')}</h2>
      <Row2
        items={[
          [t('referrals.form.fromUnit'), r.from.name],
          [t('referrals.form.worker'), r.createdByName ?? '—'],
          [t('referrals.form.phone'), r.from.phone ?? <Blank />],
          [t('referrals.form.caseNo'), r.caseNo ?? '—'],
        ]}
      />
      <h2>{t('referrals.form.clientSection')}</h2>
      <Row2 items={client} />
      <h2>{t('referrals.form.contentSection')}</h2>
      <Row2 items={content} />
      <h2>{t('referrals.form.toSection')}</h2>
      <Row2
        items={[
          [t('referrals.form.toUnit'), to.name],
          [t('referrals.form.contact'), to.contactName ?? <Blank />],
          [t('referrals.form.phone'), to.phone ?? <Blank />],
          [t('referrals.form.address'), to.address ?? <Blank />],
        ]}
      />
      <div className="sign">
        <div>{t('referrals.form.fromSeal')}</div>
        <div>{t('referrals.form.workerSign')}</div>
        <div>{t('referrals.form.date')}</div>
      </div>

      <div className="cut"><span>{t('referrals.form.cutHere')}</span></div>
      <div className="receipt">
        <h1 style={{ fontSize: '15pt' }}>{t('referrals.form.receiptTitle')}</h1>
        <div className="meta">
          <span>{t('referrals.form.no')}{t('referrals.form.colon')}{formNo(r)}</span>
          <span>{t('referrals.form.receiptTo', { name: r.from.name })}</span>
        </div>
        <p>{t('referrals.form.receiptReceived', { to: to.name, from: r.from.name, client: r.client.name })}</p>
        <p className="box">{t('referrals.form.receiptAccept')}<Blank wide /></p>
        <p className="box">{t('referrals.form.receiptDecline')}<Blank wide /></p>
        <p>{t('referrals.form.receiptSuggest')}<Blank wide /></p>
        <div className="sign">
          <div>{t('referrals.form.toSeal')}</div>
          <div>{t('referrals.form.contactSign')}</div>
          <div>{t('referrals.form.date')}</div>
        </div>
        <p className="note">
          {t('referrals.form.receiptReturn', { date: fmtDate(r.feedbackDue), from: r.from.phone ? `${r.from.name}（${r.from.phone}）` : r.from.name })}
        </p>
      </div>
    </div>
  );
}

/** 打印转介单: the referral form on A4 for the referring side, with the receiver's 回执 to tear off. */
export default function ReferralPrintPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const q = useReferral(id ?? null);
  const r = q.data?.data;
  // The client's sex, age and consent come from the case, which the referring side sees.
  const c = useCase(r?.abilities.print && r.caseId ? r.caseId : undefined);
  const caseLoading = !!r?.abilities.print && !!r.caseId && c.isPending;
  let body: ReactNode;
  if (q.isPending || caseLoading) body = <Loading />;
  else if (q.error || !r) {
    body = isNotFound(q.error) ? (
      <RecordNotFound title={t('referrals.form.notFound')} hint={t('referrals.form.notFoundHint')} backTo="/referrals" backLabel={t('referrals.form.back')} />
    ) : (
      <ErrorState error={q.error} onRetry={() => void q.refetch()} />
    );
  } else if (!r.abilities.print) body = <Result status="403" title={t('referrals.form.notYours')} />;
  else body = <Sheet r={r} c={c.data?.data ?? null} />;
  return (
    <div className="case-print-screen">
      <style>{PRINT_CSS + FORM_CSS}</style>
      <div className="case-print-bar no-print">
        <Link to={r?.caseId ? `/cases/${r.caseId}?tab=referrals` : '/referrals'}>
          <Button icon={<ArrowLeftOutlined />}>{t('referrals.form.back')}</Button>
        </Link>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!r?.abilities.print || caseLoading}>
          {t('referrals.form.print')}
        </Button>
      </div>
      {body}
    </div>
  );
}
