import { DownOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Col, ConfigProvider, Drawer, Dropdown, Grid, Input, Row, Space, Switch, Tag, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ORG_KINDS, type OrgKind } from '../../../../common/codes/org.codes';
import { EmptyState, QueryState } from '../../app/states';
import { codeLabel } from '../../lib/i18n';
import { uncovered } from './OrgCoverage';
import { KindTag, OrgActions, OrgDetails } from './OrgDetails';
import { childKinds, OrgFormDrawer, type OrgFormTarget } from './OrgFormDrawer';
import { buildTree, isCommunity, TREE_THEME, useOrgUnits, type OrgNode } from './orgs.data';

/** Marks the searched text inside a name. */
function Highlight({ text, q }: { text: string; q: string }) {
  const i = q ? text.toLowerCase().indexOf(q.toLowerCase()) : -1;
  if (i < 0) return <span>{text}</span>;
  return (
    <span>
      {text.slice(0, i)}
      <mark style={{ padding: 0, background: '#fde68a' }}>{text.slice(i, i + q.length)}</mark>
      {text.slice(i + q.length)}
    </span>
  );
}

/** The tree as antd wants it: archived units hidden unless asked for, and only what matches a search (with its ancestors). */
function toTreeData(nodes: OrgNode[], q: string, showArchived: boolean, t: (k: string) => string): TreeDataNode[] {
  const needle = q.trim().toLowerCase();
  const matches = (n: OrgNode) => !needle || n.name.toLowerCase().includes(needle) || (n.code ?? '').includes(needle) || (n.creditCode ?? '').toLowerCase().includes(needle);
  const walk = (list: OrgNode[], parentMatched: boolean): TreeDataNode[] =>
    list.flatMap((n) => {
      if (n.archived && !showArchived) return [];
      const self = parentMatched || matches(n);
      const children = walk(n.children, self);
      if (!self && !children.length) return [];
      const title: ReactNode = (
        <span style={{ opacity: n.archived ? 0.5 : 1, whiteSpace: 'nowrap' }}>
          <KindTag kind={n.kind} />
          <Highlight text={n.name} q={q.trim()} />
          {n.code && (
            <Typography.Text type="secondary" className="masked" style={{ marginInlineStart: 8, fontSize: 12 }}>
              {n.code}
            </Typography.Text>
          )}
          {n.archived && <Tag style={{ marginInlineStart: 8 }}>{t('orgs.archived')}</Tag>}
          {!n.archived && uncovered(n) && (
            <Tag color="warning" style={{ marginInlineStart: 8 }} title={t('orgs.coverage.none')}>
              {t('orgs.coverage.tag')}
            </Tag>
          )}
          {!n.archived && isCommunity(n) && !n.code && (
            <Tag color="warning" style={{ marginInlineStart: 8 }}>
              {t('orgs.noCode')}
            </Tag>
          )}
        </span>
      );
      return [{ key: n.id, title, children }];
    });
  return walk(nodes, false);
}

function parentKeys(nodes: TreeDataNode[]): string[] {
  return nodes.flatMap((n) => (n.children?.length ? [String(n.key), ...parentKeys(n.children)] : []));
}

/** 组织机构: the organisation tree, one unit's details, and creating, editing and archiving units. */
export default function OrgsPage() {
  const { t } = useTranslation();
  const query = useOrgUnits();
  const [params, setParams] = useSearchParams();
  const selectedId = params.get('id');
  const [q, setQ] = useState('');
  const [showArchived, setShowArchived] = useState(false);
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const [formTarget, setFormTarget] = useState<OrgFormTarget | null>(null);
  const screens = Grid.useBreakpoint();
  const mobile = !screens.lg;

  const units = useMemo(() => query.data ?? [], [query.data]);
  const tree = useMemo(() => buildTree(units), [units]);
  const treeData = useMemo(() => toTreeData(tree, q, showArchived, t), [tree, q, showArchived, t]);
  const allParents = useMemo(() => parentKeys(treeData), [treeData]);
  // While searching every match is shown open; otherwise the tree starts open and remembers what was closed.
  const expandedKeys = q.trim() ? allParents : allParents.filter((k) => !collapsed.has(k));
  const selected = units.find((u) => u.id === selectedId) ?? null;
  const select = (id: string | null) => setParams(id ? { id } : {}, { replace: true });

  const createRoot = childKinds(null).map((k) => ({ key: k, label: codeLabel(ORG_KINDS, k), onClick: () => setFormTarget({ mode: 'create', parent: null, kind: k }) }));
  const actions = selected && (
    <OrgActions
      unit={selected}
      onEdit={() => setFormTarget({ mode: 'edit', unit: selected })}
      onCreateChild={(kind: OrgKind) => setFormTarget({ mode: 'create', parent: selected, kind })}
    />
  );
  const details = selected ? (
    <OrgDetails unit={selected} units={units} onSelect={select} />
  ) : (
    <EmptyState description={t('orgs.selectHint')} />
  );

  return (
    <div>
      <div className="page-title">
        <Typography.Title level={4}>{t('orgs.title')}</Typography.Title>
        <Dropdown menu={{ items: createRoot }}>
          <Button type="primary" icon={<PlusOutlined />}>
            {t('orgs.newRoot')} <DownOutlined />
          </Button>
        </Dropdown>
      </div>
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {t('orgs.intro')}
      </Typography.Paragraph>
      <QueryState query={query}>
        {(list) => (
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={11} xl={10}>
              <Card
                size="small"
                title={
                  <Input
                    allowClear
                    prefix={<SearchOutlined />}
                    placeholder={t('orgs.search')}
                    value={q}
                    onChange={(e) => setQ(e.target.value)}
                    aria-label={t('orgs.search')}
                    variant="borderless"
                    style={{ paddingInline: 0 }}
                  />
                }
                extra={
                  <Space size={6}>
                    <Switch size="small" checked={showArchived} onChange={setShowArchived} aria-label={t('orgs.showArchived')} />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('orgs.showArchived')}
                    </Typography.Text>
                  </Space>
                }
              >
                {!list.length ? (
                  <EmptyState description={t('orgs.empty')} />
                ) : !treeData.length ? (
                  <EmptyState description={t('orgs.noMatch')} />
                ) : (
                  <ConfigProvider theme={TREE_THEME}>
                    <Tree
                      treeData={treeData}
                      showLine
                      blockNode
                      selectedKeys={selectedId ? [selectedId] : []}
                      expandedKeys={expandedKeys}
                      onExpand={(keys) => {
                        if (q.trim()) return;
                        const open = new Set(keys.map(String));
                        setCollapsed(new Set(allParents.filter((k) => !open.has(k))));
                      }}
                      onSelect={(keys) => keys.length && select(String(keys[0]))}
                      style={{ overflowX: 'auto' }}
                    />
                  </ConfigProvider>
                )}
                <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8, fontSize: 12 }}>
                  {t('orgs.units', { count: list.filter((u) => showArchived || !u.archived).length })}
                </Typography.Text>
              </Card>
            </Col>
            {!mobile && (
              <Col lg={13} xl={14}>
                <Card
                  size="small"
                  title={selected ? <span>{selected.name}</span> : t('orgs.details')}
                  style={{ position: 'sticky', top: 72 }}
                >
                  {selected && <div style={{ marginBottom: 12 }}>{actions}</div>}
                  {details}
                </Card>
              </Col>
            )}
          </Row>
        )}
      </QueryState>
      {mobile && (
        <Drawer open={!!selected} onClose={() => select(null)} title={selected?.name} placement="bottom" size="85%" destroyOnHidden>
          {selected && <div style={{ marginBottom: 12 }}>{actions}</div>}
          {details}
        </Drawer>
      )}
      <OrgFormDrawer
        target={formTarget}
        units={units}
        onClose={() => setFormTarget(null)}
        onSaved={(u) => {
          setFormTarget(null);
          const open = new Set<string>();
          for (let p = u.parentId; p && !open.has(p); p = units.find((x) => x.id === p)?.parentId ?? null) open.add(p);
          setCollapsed((c) => new Set([...c].filter((k) => !open.has(k))));
          select(u.id);
        }}
      />
    </div>
  );
}
