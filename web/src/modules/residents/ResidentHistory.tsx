import { Button, Skeleton, Timeline, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TAGS } from '../../../../common/codes/tag.codes';
import { useMe } from '../../app/auth';
import { codeLabel } from '../../lib/i18n';
import { fmtDateTime } from '../../lib/format';
import { useResidentHistory, type HistoryEntry } from './residents.api';
import { FIELD_CODES, FIELD_ORDER, fieldLabel } from './residents.format';

const SHOWN = 8;

/** A tag as the audit stores it: `code@start~end`. */
function tagText(t: TFunction, s: string): string {
  const m = /^([^@~]+)(?:@([^~]+))?(?:~(.+))?$/.exec(s);
  if (!m) return s;
  const [, code, start, end] = m;
  const period = [start ? t('residents.detail.tagFrom', { date: start }) : '', end ? t('residents.detail.tagUntil', { date: end }) : ''].filter(Boolean).join(' ');
  return period ? t('residents.p.paren', { a: codeLabel(TAGS, code), b: period }) : codeLabel(TAGS, code);
}

function valueText(t: TFunction, field: string, v: unknown, communities: Map<string, string>): string {
  if (v == null || v === '' || (Array.isArray(v) && !v.length)) return t('residents.history.empty_value');
  if (field === 'archived') return v ? t('residents.history.archivedYes') : t('residents.history.archivedNo');
  if (field === 'communityId') return communities.get(String(v)) ?? '—';
  if (field === 'householdId') return t('residents.history.someHousehold');
  if (field === 'tags' && Array.isArray(v)) return v.map((x) => tagText(t, String(x))).join(t('residents.p.sep'));
  const list = FIELD_CODES[field];
  if (list) return codeLabel(list, String(v));
  return String(v);
}

const order = (f: string) => {
  const i = FIELD_ORDER.indexOf(f);
  return i < 0 ? FIELD_ORDER.length : i;
};

function Change({ field, before, after, communities }: { field: string; before: unknown; after: unknown; communities: Map<string, string> }) {
  const { t } = useTranslation();
  const label = fieldLabel(t, field, true);
  if (field === 'tags') {
    const b = Array.isArray(before) ? before.map(String) : [];
    const a = Array.isArray(after) ? after.map(String) : [];
    const added = a.filter((x) => !b.includes(x));
    const removed = b.filter((x) => !a.includes(x));
    return (
      <div>
        <Typography.Text type="secondary">{t('residents.p.colon', { a: label, b: '' })}</Typography.Text>
        {added.length > 0 && <span>{t('residents.history.added', { items: added.map((x) => tagText(t, x)).join(t('residents.p.sep')) })} </span>}
        {removed.length > 0 && <Typography.Text delete type="secondary">{t('residents.history.removed', { items: removed.map((x) => tagText(t, x)).join(t('residents.p.sep')) })}</Typography.Text>}
      </div>
    );
  }
  return (
    <div style={{ wordBreak: 'break-word' }}>
      <Typography.Text type="secondary">{t('residents.p.colon', { a: label, b: '' })}</Typography.Text>
      <Typography.Text type="secondary" delete={before != null && before !== ''}>
        {valueText(t, field, before, communities)}
      </Typography.Text>
      <span style={{ margin: '0 6px', color: '#64748b' }}>{t('residents.history.arrow')}</span>
      <Typography.Text>{valueText(t, field, after, communities)}</Typography.Text>
    </div>
  );
}

function Entry({ e, communities }: { e: HistoryEntry; communities: Map<string, string> }) {
  const { t } = useTranslation();
  const fields = Object.keys(e.changes).sort((a, b) => order(a) - order(b));
  const head = (
    <div>
      <Typography.Text strong>{t(`residents.history.action.${e.action}`, { defaultValue: e.action })}</Typography.Text>
      <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
        {fmtDateTime(e.at)} · {e.actorUsername ?? '—'}
      </Typography.Text>
    </div>
  );
  if (e.action === 'residents.create') {
    // A new record lists what was filled in, not a column of "(empty) →".
    const filled = fields.filter((f) => e.changes[f][1] != null && e.changes[f][1] !== '' && !(Array.isArray(e.changes[f][1]) && !(e.changes[f][1] as unknown[]).length));
    const text = filled.map((f) => t('residents.p.colon', { a: fieldLabel(t, f, true), b: valueText(t, f, e.changes[f][1], communities) })).join(t('residents.p.semi'));
    return (
      <div>
        {head}
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0, fontSize: 13 }} ellipsis={{ rows: 2, expandable: 'collapsible' }}>
          {t('residents.p.colon', { a: t('residents.history.fieldsSet', { count: filled.length }), b: text })}
        </Typography.Paragraph>
      </div>
    );
  }
  return (
    <div>
      {head}
      <div style={{ fontSize: 13 }}>
        {fields.map((f) => (
          <Change key={f} field={f} before={e.changes[f][0]} after={e.changes[f][1]} communities={communities} />
        ))}
      </div>
    </div>
  );
}

/** 变更记录: who changed what and when, newest first, with field labels and code values translated. */
export function ResidentHistory({ residentId, communityId, communityName }: { residentId: string; communityId: string; communityName: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const history = useResidentHistory(residentId);
  const [all, setAll] = useState(false);
  if (history.isPending) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (history.error) return <Typography.Text type="danger">{t('residents.history.error')}</Typography.Text>;
  const entries = history.data;
  if (!entries.length) return <Typography.Text type="secondary">{t('residents.history.empty')}</Typography.Text>;
  const communities = new Map(me.communities.map((c) => [c.id, c.name]));
  communities.set(communityId, communityName);
  const shown = all ? entries : entries.slice(0, SHOWN);
  return (
    <>
      <Timeline
        items={shown.map((e, i) => ({
          key: `${e.at}-${i}`,
          color: e.action === 'residents.create' ? 'green' : e.action === 'residents.archive' ? 'red' : 'blue',
          content: <Entry e={e} communities={communities} />,
        }))}
      />
      {entries.length > SHOWN && (
        <Button type="link" size="small" onClick={() => setAll((a) => !a)} className="no-print">
          {all ? t('residents.history.collapse') : t('residents.history.showAll', { count: entries.length })}
        </Button>
      )}
    </>
  );
}
