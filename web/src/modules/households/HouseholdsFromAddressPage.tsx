import { ArrowLeftOutlined, CrownOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Flex, Grid, Pagination, Radio, Select, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { RELATIONS_TO_HEAD, SEXES } from '../../../../common/codes/resident.codes';
import type { AddressProposal } from '../../../../common/schemas/households.schema';
import { useMe } from '../../app/auth';
import { EmptyState, ErrorState, Loading } from '../../app/states';
import { ApiError } from '../../lib/api';
import { errorMessage } from '../../lib/feedback';
import { codeLabel, codeOptions } from '../../lib/i18n';
import { createFromAddresses, invalidateAfterChange, useAddressProposals, type ProposalFilters } from './households.api';

/** What the worker changed on a proposal: its head and the members' relations to that head. */
type Edit = { head: string; relations: Record<string, string | null> };

const PENDING = '__pending';

const initialEdit = (p: AddressProposal): Edit => ({ head: p.headResidentId, relations: Object.fromEntries(p.members.map((m) => [m.residentId, m.relationToHead])) });

/**
 * Another head: relations were proposed relative to the proposed head, so they are all to confirm
 * again (the proposal's own come back when its head is chosen again).
 */
function withHead(p: AddressProposal, head: string): Edit {
  if (head === p.headResidentId) return initialEdit(p);
  return { head, relations: Object.fromEntries(p.members.map((m) => [m.residentId, m.residentId === head ? 'head' : null])) };
}

function ProposalCard({ p, edit, onEdit, checked, onCheck }: { p: AddressProposal; edit: Edit; onEdit: (e: Edit) => void; checked: boolean; onCheck: (v: boolean) => void }) {
  const { t } = useTranslation();
  const multi = useMe().communities.length > 1;
  const pending = p.members.filter((m) => m.residentId !== edit.head && !edit.relations[m.residentId]).length;
  const relationOptions = [{ value: PENDING, label: t('households.fromAddress.pending') }, ...codeOptions(RELATIONS_TO_HEAD).filter((o) => o.value !== 'head')];
  return (
    <Card
      size="small"
      style={{ marginBottom: 12, borderColor: checked ? '#0f766e' : undefined }}
      title={
        <Checkbox checked={checked} onChange={(e) => onCheck(e.target.checked)} style={{ fontWeight: 500, whiteSpace: 'normal' }}>
          {p.address}
        </Checkbox>
      }
      extra={
        <Space size={4} wrap>
          {multi && <Tag>{p.communityName}</Tag>}
          <Tag>{t('households.people', { count: p.members.length })}</Tag>
          {p.noAdult && <Tag color="warning">{t('households.fromAddress.noAdult')}</Tag>}
          {pending > 0 && <Tag color="gold">{t('households.fromAddress.pendingCount', { count: pending })}</Tag>}
        </Space>
      }
    >
      <Radio.Group value={edit.head} onChange={(e) => onEdit(withHead(p, e.target.value as string))} style={{ width: '100%' }} aria-label={t('households.fromAddress.headOf', { address: p.address })}>
        {p.members.map((m) => (
          <Flex key={m.residentId} gap={8} align="center" wrap style={{ padding: '6px 0', borderTop: '1px solid #f1f5f9' }}>
            <span style={{ flex: '1 1 160px', minWidth: 0 }}>
              <Typography.Text strong={m.residentId === edit.head}>{m.name}</Typography.Text>
              <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                {codeLabel(SEXES, m.sex)}
                {m.age !== null && ` · ${t('households.members.ageValue', { age: m.age })}`}
              </Typography.Text>
            </span>
            <Radio value={m.residentId}>{t('households.fromAddress.isHead')}</Radio>
            {m.residentId === edit.head ? (
              <Tag color="gold" icon={<CrownOutlined />} style={{ width: 150, marginInlineEnd: 0 }}>
                {codeLabel(RELATIONS_TO_HEAD, 'head')}
              </Tag>
            ) : (
              <Select
                size="small"
                style={{ width: 150 }}
                aria-label={t('households.fromAddress.relationOf', { name: m.name })}
                value={edit.relations[m.residentId] ?? PENDING}
                options={relationOptions}
                onChange={(v: string) => onEdit({ ...edit, relations: { ...edit.relations, [m.residentId]: v === PENDING ? null : v } })}
              />
            )}
          </Flex>
        ))}
      </Radio.Group>
    </Card>
  );
}

/**
 * 按地址生成家庭: residents already registered at one address become a household in one step. The
 * worker checks each proposed household (head, relations), ticks the ones to create and confirms.
 */
export default function HouseholdsFromAddressPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { modal, message } = App.useApp();
  const qc = useQueryClient();
  const compact = !Grid.useBreakpoint().md;
  const [filters, setFilters] = useState<ProposalFilters>({ page: 1, pageSize: 20 });
  const [edits, setEdits] = useState<Record<string, Edit>>({});
  const [ticked, setTicked] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const query = useAddressProposals(filters);
  const rows = useMemo(() => query.data?.data ?? [], [query.data]);
  const editOf = (p: AddressProposal) => edits[p.key] ?? initialEdit(p);
  const chosen = rows.filter((p) => ticked.has(p.key));
  const people = chosen.reduce((n, p) => n + p.members.length, 0);

  const tick = (key: string, on: boolean) =>
    setTicked((s) => {
      const next = new Set(s);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    });
  const refresh = () => {
    setTicked(new Set());
    setEdits({});
    invalidateAfterChange(qc);
  };

  const create = async () => {
    setBusy(true);
    try {
      const households = chosen.map((p) => {
        const e = editOf(p);
        return { communityId: p.communityId, headResidentId: e.head, members: p.members.map((m) => ({ residentId: m.residentId, relationToHead: e.relations[m.residentId] ?? null })) };
      });
      const res = await createFromAddresses({ households });
      void message.success(t('households.fromAddress.created', { count: res.data.created }));
      refresh();
    } catch (e) {
      void message.error(errorMessage(e));
      // Someone changed the residents meanwhile: show the list as it is now.
      if (e instanceof ApiError && (e.status === 409 || e.status === 404)) refresh();
    } finally {
      setBusy(false);
    }
  };
  const confirm = () =>
    modal.confirm({
      title: t('households.fromAddress.confirmTitle', { count: chosen.length }),
      content: t('households.fromAddress.confirmHint', { people }),
      okText: t('households.fromAddress.confirmOk'),
      cancelText: t('app.action.cancel'),
      onOk: create,
    });

  const allOnPage = rows.length > 0 && rows.every((p) => ticked.has(p.key));
  const summary = query.data && (
    <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
      {t('households.fromAddress.summary', { ungrouped: query.data.ungrouped, total: query.data.total })}
      {query.data.withoutAddress > 0 && ` ${t('households.fromAddress.withoutAddress', { count: query.data.withoutAddress })}`}
    </Typography.Paragraph>
  );

  return (
    <>
      <Link to="/households">
        <ArrowLeftOutlined /> {t('households.detail.back')}
      </Link>
      <div className="page-title" style={{ marginTop: 8 }}>
        <Typography.Title level={4}>{t('households.fromAddress.title')}</Typography.Title>
      </div>
      <Alert type="info" showIcon title={t('households.fromAddress.intro')} style={{ marginBottom: 16 }} />
      <Card size="small" style={{ marginBottom: 12, position: 'sticky', top: compact ? 56 : 64, zIndex: 2 }}>
        <Flex gap={12} align="center" wrap justify="space-between">
          <Space wrap>
            {me.communities.length > 1 && (
              <Select
                style={{ width: 180 }}
                aria-label={t('households.field.community')}
                value={filters.communityId ?? ''}
                options={[{ value: '', label: t('households.allCommunities') }, ...me.communities.map((c) => ({ value: c.id, label: c.name }))]}
                onChange={(v: string) => {
                  setTicked(new Set());
                  setFilters({ ...filters, communityId: v || undefined, page: 1 });
                }}
              />
            )}
            <Checkbox checked={allOnPage} indeterminate={!allOnPage && chosen.length > 0} disabled={!rows.length} onChange={(e) => rows.forEach((p) => tick(p.key, e.target.checked))}>
              {t('households.fromAddress.tickPage')}
            </Checkbox>
          </Space>
          <Button type="primary" disabled={!chosen.length} loading={busy} onClick={confirm}>
            {t('households.fromAddress.createTicked', { count: chosen.length })}
          </Button>
        </Flex>
        <div style={{ marginTop: 8 }}>{summary}</div>
      </Card>
      {query.isPending ? (
        <Loading />
      ) : query.error ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : !rows.length ? (
        <Card>
          <EmptyState description={t('households.fromAddress.empty')} />
        </Card>
      ) : (
        <>
          {rows.map((p) => (
            <ProposalCard key={p.key} p={p} edit={editOf(p)} onEdit={(e) => setEdits({ ...edits, [p.key]: e })} checked={ticked.has(p.key)} onCheck={(v) => tick(p.key, v)} />
          ))}
          <Pagination
            align="end"
            current={filters.page}
            pageSize={filters.pageSize}
            total={query.data.total}
            simple={compact}
            showTotal={(n) => t('households.fromAddress.addresses', { count: n })}
            onChange={(page, pageSize) => {
              setTicked(new Set());
              setFilters({ ...filters, page: pageSize !== filters.pageSize ? 1 : page, pageSize });
            }}
          />
        </>
      )}
    </>
  );
}
