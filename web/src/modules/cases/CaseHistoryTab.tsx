import { Empty, Flex, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CLOSURE_REASONS } from '../../../../common/codes/case.codes';
import type { CaseEvent } from '../../../../common/schemas/cases.schema';
import { QueryState } from '../../app/states';
import { fmtDateTime } from '../../lib/format';
import { codeLabel } from '../../lib/i18n';
import { actionLabel } from '../audit/audit.format';
import { CaseStatusTag } from './CaseBits';
import { useCaseEvents } from './cases.api';

const COLORS: Record<string, string> = {
  'cases.plan_approve': 'green',
  'cases.closure_approve': 'green',
  'cases.plan_return': 'red',
  'cases.closure_return': 'red',
  'cases.decline': 'gray',
  'cases.refer_out': 'gray',
};

/** A case's own steps read as its history names them; other modules' (referrals, assessments …) as the audit log does. */
function EventLine({ e }: { e: CaseEvent }) {
  const { t } = useTranslation();
  const note = e.action === 'cases.closure_request' && e.note ? codeLabel(CLOSURE_REASONS, e.note) : e.note;
  return (
    <div>
      <Flex gap={8} align="center" wrap>
        <Typography.Text strong>{t(`cases.history.actions.${e.action.replace(/^cases\./, '')}`, { defaultValue: actionLabel(e.action) })}</Typography.Text>
        {e.toStatus && e.toStatus !== e.fromStatus && (
          <span>
            {e.fromStatus && <CaseStatusTag status={e.fromStatus} />} → <CaseStatusTag status={e.toStatus} />
          </span>
        )}
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {fmtDateTime(e.at)} · {e.actorName ?? '—'}
      </Typography.Text>
      {note && <div style={{ whiteSpace: 'pre-wrap', marginTop: 2, color: '#334155' }}>{note}</div>}
    </div>
  );
}

/** 历史: every step of the case, newest first, with who took it and their note. */
export function CaseHistoryTab({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const q = useCaseEvents(caseId);
  return (
    <QueryState query={q}>
      {({ data }) =>
        data.length === 0 ? (
          <Empty description={t('cases.history.empty')} />
        ) : (
          <Timeline
            style={{ paddingTop: 12 }}
            items={[...data].sort((a, b) => b.at.localeCompare(a.at)).map((e) => ({ key: e.id, color: COLORS[e.action] ?? 'blue', content: <EventLine e={e} /> }))}
          />
        )
      }
    </QueryState>
  );
}
