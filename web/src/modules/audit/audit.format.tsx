import { LockOutlined } from '@ant-design/icons';
import { Space, Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { Code } from '../../../../common/codes/codes';
import { ETHNICITIES } from '../../../../common/codes/ethnicity.codes';
import { ORG_KINDS } from '../../../../common/codes/org.codes';
import {
  CONSENT_BASES, DISABILITY_GRADES, DISABILITY_TYPES, EDUCATIONS, EMPLOYMENTS, HEALTH_STATUSES, HOUSEHOLD_TYPES, HUKOU_TYPES, ID_TYPES,
  INCOME_STATUSES, MARITAL_STATUSES, RELATIONS_TO_HEAD, SEXES,
} from '../../../../common/codes/resident.codes';
import { TAGS } from '../../../../common/codes/tag.codes';
import { ROLES } from '../../../../common/permissions';
import type { OrgUnit } from '../../../../common/schemas/orgs.schema';
import { fmtDateTimeSeconds, todayPlus } from '../../lib/format';
import { codeLabel, i18n } from '../../lib/i18n';

export const ENTITY_TYPES = ['resident', 'household', 'user', 'org_unit', 'case', 'referral', 'resource', 'risk_level'];

const t = (key: string, opts?: Record<string, unknown>) => i18n.t(key, opts);
const known = (key: string) => i18n.exists(key);

/** The label of an action code; unknown codes (added later on the server) show as they are. */
export function actionLabel(action: string): string {
  // A case's steps read as in the case's own history.
  const [module, step] = action.split('.');
  const keys = [`audit.action.${action}`, ...(module === 'cases' ? [`cases.history.actions.${step}`] : [])];
  const key = keys.find(known);
  return key ? t(key) : action;
}
export function entityLabel(type: string | null): string {
  if (!type) return '';
  return known(`audit.entity.${type}`) ? t(`audit.entity.${type}`) : type;
}
export function fieldLabel(field: string, entityType?: string | null): string {
  if (entityType && known(`audit.fieldOf.${entityType}.${field}`)) return t(`audit.fieldOf.${entityType}.${field}`);
  // A resident's fields read as on the resident's own pages; other modules' fields as the audit names them.
  const keys =
    entityType === 'resident'
      ? [`residents.fieldLong.${field}`, `residents.field.${field}`, `audit.field.${field}`]
      : [`audit.field.${field}`, `residents.field.${field}`];
  const key = keys.find(known);
  return key ? t(key) : field;
}
export function detailLabel(key: string): string {
  return known(`audit.detail.${key}`) ? t(`audit.detail.${key}`) : key;
}
/**
 * The API reads `from`/`to` as dates in China Standard Time, so the page shows and picks times in
 * CST too, whatever the browser's zone (identical for browsers in China).
 */
export const cstDate = (daysAgo = 0) => todayPlus(-daysAgo);
export const cstTime = (iso: string) => fmtDateTimeSeconds(iso);
export const browserInCst = () => new Date().getTimezoneOffset() === -480;

const blank = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
/** Changed fields worth showing: "none" → "empty list" is no change to a reader. */
export const visibleChanges = (changes: Record<string, [unknown, unknown]> | null) =>
  Object.entries(changes ?? {}).filter(([, [before, after]]) => !(blank(before) && blank(after)));

export const shortId = (id: string) => (id.length > 12 ? id.slice(0, 8) : id);

const CODE_LISTS: Record<string, readonly Code[]> = {
  sex: SEXES, idType: ID_TYPES, relationToHead: RELATIONS_TO_HEAD, ethnicity: ETHNICITIES, hukouType: HUKOU_TYPES,
  maritalStatus: MARITAL_STATUSES, education: EDUCATIONS, employment: EMPLOYMENTS, health: HEALTH_STATUSES,
  disabilityType: DISABILITY_TYPES, disabilityGrade: DISABILITY_GRADES, incomeStatus: INCOME_STATUSES, consentBasis: CONSENT_BASES,
  role: ROLES, kind: ORG_KINDS,
};
const ORG_FIELDS = new Set(['communityId', 'parentId', 'serves', 'servedBy']);
const ID_FIELDS = new Set(['householdId', 'headResidentId', 'members', 'residentIds']);

export type Lookup = { units: Map<string, OrgUnit> };

const empty = () => <Typography.Text type="secondary">{t('audit.value.empty')}</Typography.Text>;

function IdText({ id }: { id: string }) {
  return (
    <Tooltip title={id}>
      <Typography.Text className="masked" copyable={{ text: id, tooltips: [t('audit.copyId'), '✓'] }}>
        {shortId(id)}
      </Typography.Text>
    </Tooltip>
  );
}

function unitName(id: string, lookup: Lookup): ReactNode {
  const u = lookup.units.get(id);
  return u ? <Tooltip title={`${codeLabel(ORG_KINDS, u.kind)} · ${id}`}>{u.name}</Tooltip> : <IdText id={id} />;
}

/** `dv_victim@2024-01-01~2025-01-01` → 家庭暴力受害人（2024-01-01 起 至 2025-01-01）. */
function tagText(entry: string): string {
  const m = /^([^@~]+)(?:@([^~]+))?(?:~(.+))?$/.exec(entry);
  if (!m) return entry;
  const [, code, from, to] = m;
  const label = code === 'restricted' ? t('audit.value.restricted') : codeLabel(TAGS, code);
  const dates = [from && t('audit.value.from', { date: from }), to && t('audit.value.to', { date: to })].filter(Boolean).join(' ');
  return dates ? label + t('audit.paren', { text: dates }) : label;
}

const list = (items: ReactNode[]) => (
  <Space size={[4, 4]} wrap>
    {items}
  </Space>
);

type RiskLevelValue = { zh: string; en: string; contactDays: number; color: string; active: boolean; position: number };
const isRiskLevelValue = (v: unknown): v is RiskLevelValue =>
  !!v && typeof v === 'object' && !Array.isArray(v) && ['zh', 'en', 'contactDays', 'color', 'active', 'position'].every((k) => k in v);

/** A risk level as 系统设置 saved it (`settings.risk_levels` records each changed level whole). */
function riskLevelText(v: RiskLevelValue): ReactNode {
  const color = known(`settings.riskLevels.colors.${v.color}`) ? t(`settings.riskLevels.colors.${v.color}`) : v.color;
  return (
    <span>
      <Tag color={v.color} style={{ marginInlineEnd: 6 }}>
        {v.zh} / {v.en}
      </Tag>
      {t('audit.value.riskLevel', { days: v.contactDays, color, state: t(v.active ? 'audit.value.levelActive' : 'audit.value.levelInactive'), position: v.position + 1 })}
    </span>
  );
}

/** One recorded value, in words: code labels, unit names, tags with their periods, 是/否. */
export function formatValue(field: string, value: unknown, lookup: Lookup): ReactNode {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && !value.length)) return empty();
  if (isRiskLevelValue(value)) return riskLevelText(value);
  if (typeof value === 'boolean') return t(value ? 'audit.value.yes' : 'audit.value.no');
  if (field === 'tags' && Array.isArray(value)) return list(value.map((v) => <Tag key={String(v)}>{tagText(String(v))}</Tag>));
  if (field === 'posts' && Array.isArray(value)) {
    return list(
      value.map((v) => {
        const [id, flag] = String(v).split(':');
        const restricted = flag === 'restricted';
        return (
          <Tag key={String(v)} color={restricted ? 'gold' : undefined} icon={restricted ? <LockOutlined /> : undefined} title={restricted ? t('audit.value.restrictedPost') : undefined}>
            {unitName(id, lookup)}
          </Tag>
        );
      }),
    );
  }
  if (ORG_FIELDS.has(field)) {
    const ids = Array.isArray(value) ? value.map(String) : [String(value)];
    return list(ids.map((id) => <Tag key={id}>{unitName(id, lookup)}</Tag>));
  }
  if (ID_FIELDS.has(field)) {
    const ids = Array.isArray(value) ? value.map(String) : [String(value)];
    return list(ids.map((id) => <IdText key={id} id={id} />));
  }
  const codes = field === 'type' && typeof value === 'string' && HOUSEHOLD_TYPES.some((c) => c.code === value) ? HOUSEHOLD_TYPES : CODE_LISTS[field];
  if (codes && (typeof value === 'string' || typeof value === 'number')) return codeLabel(codes, String(value));
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(t('audit.sep'));
  if (typeof value === 'object') return <code style={{ whiteSpace: 'pre-wrap' }}>{JSON.stringify(value, null, 1)}</code>;
  const s = String(value);
  return <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{s}</span>;
}

/** A value of `detail`: known words translated, filters spelled out, ids shortened. */
export function formatDetail(key: string, value: unknown, lookup: Lookup): ReactNode {
  if (value === null || value === undefined || value === '') return empty();
  if (typeof value === 'string' && known(`audit.value.${value}`) && ['reason', 'via', 'mode', 'secondFactor'].includes(key)) return t(`audit.value.${value}`);
  if (key === 'field' && typeof value === 'string') return fieldLabel(value);
  if (key === 'route' || key === 'permission' || key === 'method') return <span className="masked">{String(value)}</span>;
  if (key === 'filters' && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined && v !== null && v !== '');
    if (!entries.length) return t('audit.value.empty');
    return (
      <Space orientation="vertical" size={2}>
        {entries.map(([k, v]) => (
          <span key={k}>
            <Typography.Text type="secondary">{known(`audit.detail.${k}`) ? detailLabel(k) : fieldLabel(k)}：</Typography.Text>
            {k === 'sort' && typeof v === 'string' ? fieldLabel(v) : k === 'order' && known(`audit.value.${String(v)}`) ? t(`audit.value.${String(v)}`) : formatValue(k, v, lookup)}
          </span>
        ))}
      </Space>
    );
  }
  return formatValue(key, value, lookup);
}
