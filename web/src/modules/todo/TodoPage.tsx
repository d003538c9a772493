import {
  AlertOutlined, AuditOutlined, CalendarOutlined, CheckSquareOutlined, ClockCircleOutlined, FileSearchOutlined, ReloadOutlined, RightOutlined,
  RollbackOutlined, SafetyOutlined, SwapOutlined,
} from '@ant-design/icons';
import { Alert, Badge, Button, Card, Col, Empty, Flex, Row, Tag, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TodoItem, TodoKind } from '../../../../common/schemas/todo.schema';
import { useCan } from '../../app/auth';
import { QueryState } from '../../app/states';
import { daysFromToday, fmtDate } from '../../lib/format';
import { useTodo } from './todo.api';

const ICONS: Record<TodoKind, ReactNode> = {
  followup: <CalendarOutlined />,
  task: <CheckSquareOutlined />,
  assessment_due: <FileSearchOutlined />,
  report_due: <SafetyOutlined />,
  referral_feedback: <SwapOutlined />,
  referral_answer: <SwapOutlined />,
  plan_returned: <RollbackOutlined />,
  plan_review: <AuditOutlined />,
  closure_review: <AuditOutlined />,
  no_contact: <ClockCircleOutlined />,
  late_record: <AlertOutlined />,
};

const TAB_OF: Record<TodoKind, string> = {
  followup: 'followups',
  task: 'plan',
  assessment_due: 'assessments',
  report_due: 'safeguarding',
  referral_feedback: 'referrals',
  referral_answer: 'referrals',
  plan_returned: 'plan',
  plan_review: 'plan',
  closure_review: 'closure',
  no_contact: 'records',
  late_record: 'records',
};

/** The page an item is done on: the case's tab, or the referrals page for a referral to one's unit. */
export function todoLink(x: Pick<TodoItem, 'kind' | 'caseId'>): string {
  if (!x.caseId) return x.kind.startsWith('referral') ? '/referrals' : '/todo';
  return `/cases/${x.caseId}?tab=${TAB_OF[x.kind]}`;
}

/** Kinds a supervisor works through on the workbench rather than in the personal list. */
const SUPERVISOR_KINDS: TodoKind[] = ['plan_review', 'closure_review', 'no_contact', 'late_record'];
const GROUPS = ['overdue', 'today', 'upcoming', 'review'] as const;
const GROUP_COLORS: Record<(typeof GROUPS)[number], string> = { overdue: '#dc2626', today: '#d97706', upcoming: '#0f766e', review: '#2563eb' };

/** When it is due, in Beijing days: 逾期 N 天 (the server counts them), 今天到期, or the date. */
function dueText(t: TFunction, x: TodoItem): string {
  if (x.overdue) return x.overdueDays ? t('todo.overdueDays', { days: x.overdueDays }) : t('todo.overdueToday');
  return x.dueDate && daysFromToday(x.dueDate) === 0 ? t('todo.today') : t('todo.due', { date: fmtDate(x.dueDate) });
}

function Item({ x }: { x: TodoItem }) {
  const { t } = useTranslation();
  return (
    <Link to={todoLink(x)} style={{ color: 'inherit', display: 'block' }}>
      <Flex gap={10} align="flex-start" style={{ padding: '10px 4px', borderBottom: '1px solid #f1f5f9' }}>
        <span style={{ color: x.overdue ? '#dc2626' : '#0f766e', fontSize: 16, marginTop: 2 }}>{ICONS[x.kind]}</span>
        <div style={{ flex: 1, minWidth: 0 }}>
          <Flex gap={6} align="center" wrap>
            <Tag style={{ marginInlineEnd: 0 }}>{t(`todo.kinds.${x.kind}`)}</Tag>
            <Typography.Text strong>{x.title}</Typography.Text>
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {x.clientName && <span>{x.clientName}</span>}
            {x.caseNo && <span className="masked"> · {x.caseNo}</span>}
            {x.dueDate && (
              <span style={x.overdue ? { color: '#dc2626' } : undefined}>
                {' · '}
                {dueText(t, x)}
              </span>
            )}
          </Typography.Text>
        </div>
        <RightOutlined style={{ color: '#cbd5e1', marginTop: 4 }} aria-hidden />
      </Flex>
    </Link>
  );
}

const LIMIT = 8;

function Section({ title, color, items, empty, more = false }: { title: string; color?: string; items: TodoItem[]; empty: string; more?: boolean }) {
  const { t } = useTranslation();
  const [all, setAll] = useState(false);
  const folds = items.length > LIMIT + 2;
  const shown = all || !folds ? items : items.slice(0, LIMIT);
  return (
    <Card
      size="small"
      title={
        <Flex gap={8} align="center">
          {color && <span style={{ width: 8, height: 8, borderRadius: 4, background: color, display: 'inline-block' }} />}
          {title}
          <Badge count={more ? `${items.length}+` : items.length} showZero overflowCount={999} color={items.length ? (color ?? '#0f766e') : '#cbd5e1'} />
        </Flex>
      }
      styles={{ body: { paddingTop: 0, paddingBottom: items.length ? 4 : 12 } }}
    >
      {items.length ? shown.map((x) => <Item key={`${x.kind}-${x.id}`} x={x} />) : <Typography.Text type="secondary" style={{ display: 'block', paddingTop: 12 }}>{empty}</Typography.Text>}
      {folds && (
        <Button type="link" block onClick={() => setAll(!all)}>
          {all ? t('todo.showLess') : t('todo.showAll', { count: items.length - LIMIT })}
        </Button>
      )}
    </Card>
  );
}

/** Chips to narrow the list to one kind of item, with how many there are of each. */
function KindFilter({ items, more, value, onChange }: { items: TodoItem[]; more: TodoKind[]; value: TodoKind | null; onChange: (k: TodoKind | null) => void }) {
  const { t } = useTranslation();
  const counts = new Map<TodoKind, number>();
  for (const x of items) counts.set(x.kind, (counts.get(x.kind) ?? 0) + 1);
  if (counts.size < 2) return null;
  return (
    <Flex gap={6} wrap style={{ marginBottom: 12 }}>
      <Tag.CheckableTag checked={value === null} onChange={() => onChange(null)}>
        {t('todo.allKinds')} {items.length}
        {items.some((x) => more.includes(x.kind)) && '+'}
      </Tag.CheckableTag>
      {[...counts].map(([k, n]) => (
        <Tag.CheckableTag key={k} checked={value === k} onChange={(on) => onChange(on ? k : null)}>
          {t(`todo.kinds.${k}`)} {n}
          {more.includes(k) && '+'}
        </Tag.CheckableTag>
      ))}
    </Flex>
  );
}

/** 我的待办, and for a supervisor the 督导工作台: approvals, contact gaps and late records. */
export default function TodoPage() {
  const { t } = useTranslation();
  const q = useTodo();
  const supervises = useCan('cases.approve');
  const [kind, setKind] = useState<TodoKind | null>(null);

  return (
    <div>
      <div className="page-title">
        <Typography.Title level={4}>{t('todo.title')}</Typography.Title>
        <Button icon={<ReloadOutlined />} loading={q.isFetching} onClick={() => void q.refetch()}>
          {t('todo.refresh')}
        </Button>
      </div>
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {t('todo.intro')}
      </Typography.Paragraph>
      <QueryState query={q}>
        {({ data, more }) => {
          const mineAll = supervises ? data.filter((x) => !SUPERVISOR_KINDS.includes(x.kind)) : data;
          const mine = kind ? mineAll.filter((x) => x.kind === kind) : mineAll;
          // In the server's order: the most overdue first, then the soonest due.
          const byGroup = (g: (typeof GROUPS)[number]) => mine.filter((x) => x.group === g);
          const sup = (kinds: TodoKind[]) => data.filter((x) => kinds.includes(x.kind));
          return (
            <Flex vertical gap={16}>
              {supervises && (
                <div>
                  <Typography.Title level={5} style={{ marginTop: 0 }}>
                    {t('todo.supervisor.title')}
                  </Typography.Title>
                  <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
                    {t('todo.supervisor.intro')}
                  </Typography.Paragraph>
                  <Row gutter={[12, 12]}>
                    <Col xs={24} lg={8}>
                      <Section title={t('todo.supervisor.approvals')} color="#2563eb" items={sup(['plan_review', 'closure_review'])} more={more.includes('plan_review')} empty={t('todo.supervisor.approvalsEmpty')} />
                    </Col>
                    <Col xs={24} lg={8}>
                      <Section title={t('todo.supervisor.noContact')} color="#dc2626" items={sup(['no_contact'])} more={more.includes('no_contact')} empty={t('todo.supervisor.noContactEmpty')} />
                    </Col>
                    <Col xs={24} lg={8}>
                      <Section title={t('todo.supervisor.late')} color="#d97706" items={sup(['late_record'])} more={more.includes('late_record')} empty={t('todo.supervisor.lateEmpty')} />
                    </Col>
                  </Row>
                </div>
              )}
              <div>
                {supervises && (
                  <Typography.Title level={5} style={{ marginTop: 0 }}>
                    {t('todo.title')}
                  </Typography.Title>
                )}
                {more.length > 0 && (
                  <Alert
                    type="info"
                    showIcon
                    style={{ marginBottom: 12 }}
                    message={t('todo.more', { kinds: more.filter((k, i) => more.indexOf(k) === i).map((k) => t(`todo.kinds.${k}`)).join('、') })}
                    action={<Link to="/cases?mine=team&status=active&sort=lastContactDate&order=asc">{t('todo.moreLink')}</Link>}
                  />
                )}
                <KindFilter items={mineAll} more={more} value={kind && mineAll.some((x) => x.kind === kind) ? kind : null} onChange={setKind} />
                {mine.length === 0 ? (
                  <Card size="small">
                    <Empty description={<><div style={{ fontWeight: 500 }}>{t('todo.empty')}</div><Typography.Text type="secondary">{t('todo.emptyHint')}</Typography.Text></>} />
                  </Card>
                ) : (
                  <Row gutter={[12, 12]}>
                    {GROUPS.map((g) => (
                      <Col key={g} xs={24} lg={12}>
                        <Section title={t(`todo.groups.${g}`)} color={GROUP_COLORS[g]} items={byGroup(g)} empty={t('todo.groupEmpty')} />
                      </Col>
                    ))}
                  </Row>
                )}
              </div>
            </Flex>
          );
        }}
      </QueryState>
    </div>
  );
}
