import { PlusOutlined, SwapOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Row, Segmented, Select, Space, Statistic, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, QueryState } from '../../app/states';
import { fmtDate } from '../../lib/format';
import { EcomapDiagram, EcomapLegend } from './EcomapDiagram';
import { EcomapForm } from './EcomapForm';
import { EcomapChanges, EcomapTieTable } from './EcomapTies';
import { useEcomaps } from './networks.api';
import { compareTies, tieSlots, type Ecomap, type TieChange } from '../../../../common/schemas/networks.schema';

type Mode = 'single' | 'compare';

function snapshotOptions(list: Ecomap[], t: (k: string, o?: Record<string, unknown>) => string) {
  return list.map((e, i) => ({
    value: e.id,
    label: `${fmtDate(e.takenOn)} · ${t('networks.tieCount', { count: e.ties.length })}${i === 0 ? ` · ${t('networks.latest')}` : ''}`,
  }));
}

/** Figures of one snapshot: how many ties, how many formal, how many stressful. */
function Summary({ e }: { e: Ecomap }) {
  const { t } = useTranslation();
  const formal = e.ties.filter((x) => x.formal).length;
  const stressful = e.ties.filter((x) => x.quality !== 'supportive').length;
  return (
    <Flex gap={24} wrap>
      <Statistic title={t('networks.summary.ties')} value={e.ties.length} />
      <Statistic title={t('networks.summary.formal')} value={formal} suffix={`/ ${e.ties.length - formal}`} />
      <Statistic title={t('networks.summary.stress')} value={stressful} styles={{ content: { color: stressful ? '#dc2626' : undefined } }} />
    </Flex>
  );
}

function Single({ list, clientName }: { list: Ecomap[]; clientName: string }) {
  const { t } = useTranslation();
  // null: the latest, whichever it is once a new snapshot has loaded.
  const [id, setId] = useState<string | null>(null);
  const e = list.find((x) => x.id === id) ?? list[0];
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Typography.Text>{t('networks.pick')}</Typography.Text>
        <Select value={e.id} onChange={setId} options={snapshotOptions(list, t)} style={{ minWidth: 240 }} aria-label={t('networks.pick')} />
        <Typography.Text type="secondary">{[e.createdByName && t('networks.by', { name: e.createdByName }), e.note].filter(Boolean).join(' · ')}</Typography.Text>
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <EcomapDiagram clientName={clientName} ties={e.ties} slots={tieSlots(e.ties)} />
        </Col>
        <Col xs={24} xl={10}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Summary e={e} />
            <EcomapLegend />
          </Space>
        </Col>
      </Row>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('networks.table')}
      </Typography.Title>
      <EcomapTieTable ties={e.ties} />
    </>
  );
}

/** Two snapshots side by side, ties in the same places, with what was added, removed or changed. */
function Compare({ list, clientName }: { list: Ecomap[]; clientName: string }) {
  const { t } = useTranslation();
  const [beforeId, setBeforeId] = useState<string | null>(null);
  const [afterId, setAfterId] = useState<string | null>(null);
  const before = list.find((x) => x.id === beforeId) ?? list[1];
  const after = list.find((x) => x.id === afterId) ?? list[0];
  // Whichever was picked where, the earlier snapshot is "before".
  const [a, b] = before.takenOn <= after.takenOn ? [before, after] : [after, before];
  const diffs = useMemo(() => compareTies(a.ties, b.ties), [a, b]);
  const slots = useMemo(() => tieSlots(a.ties, b.ties), [a, b]);
  const laterMarks = new Map<string, TieChange>(diffs.map((d) => [d.key, d.change]));
  const earlierMarks = new Map<string, TieChange>(diffs.filter((d) => d.change === 'removed').map((d) => [d.key, 'removed']));
  const ghosts = diffs.filter((d) => d.change === 'removed').map((d) => d.before!);
  const count = (c: TieChange) => diffs.filter((d) => d.change === c).length;
  const options = snapshotOptions(list, t);
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select value={before.id} onChange={setBeforeId} options={options} style={{ minWidth: 220 }} aria-label={t('networks.diff.earlier')} />
        <SwapOutlined aria-hidden />
        <Select value={after.id} onChange={setAfterId} options={options} style={{ minWidth: 220 }} aria-label={t('networks.diff.later')} />
      </Space>
      {a.id === b.id ? (
        <EmptyState description={t('networks.diff.sameSnapshot')} />
      ) : (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={24} md={12}>
              <Typography.Text strong>{t('networks.diff.earlierOn', { date: fmtDate(a.takenOn) })}</Typography.Text>
              <EcomapDiagram clientName={clientName} ties={a.ties} slots={slots} changes={earlierMarks} maxHeight={460} />
            </Col>
            <Col xs={24} md={12}>
              <Typography.Text strong>{t('networks.diff.laterOn', { date: fmtDate(b.takenOn) })}</Typography.Text>
              <EcomapDiagram clientName={clientName} ties={b.ties} slots={slots} changes={laterMarks} ghosts={ghosts} maxHeight={460} />
            </Col>
          </Row>
          <Card size="small" style={{ marginTop: 12 }} title={t('networks.diff.title')}
            extra={<Typography.Text type="secondary">{[t('networks.diff.added', { count: count('added') }), t('networks.diff.changed', { count: count('changed') }), t('networks.diff.removed', { count: count('removed') })].join(' · ')}</Typography.Text>}>
            <EcomapChanges diffs={diffs} />
          </Card>
          <div style={{ marginTop: 12 }}>
            <EcomapLegend withChanges />
          </div>
        </>
      )}
    </>
  );
}

/**
 * 支持网络 (§6.2.4): the client's ecomap as dated snapshots — one drawn, or two compared — and a new
 * snapshot recorded from the latest.
 */
export function CaseEcomapTab({ caseId, clientName, abilities }: { caseId: string; clientName: string; abilities: { work: boolean } }) {
  const { t } = useTranslation();
  const query = useEcomaps(caseId);
  const [mode, setMode] = useState<Mode>('single');
  const [drawing, setDrawing] = useState(false);
  const [version, setVersion] = useState(0);
  const list = query.data?.data ?? [];
  const newButton = abilities.work && (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawing(true)}>
      {list.length ? t('networks.new') : t('networks.first')}
    </Button>
  );
  return (
    <div>
      <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 12 }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0, maxWidth: 720 }}>
          {t('networks.intro')}
        </Typography.Paragraph>
        <Space wrap>
          {list.length > 1 && (
            <Segmented<Mode> value={mode} onChange={setMode} options={[{ value: 'single', label: t('networks.single') }, { value: 'compare', label: t('networks.compare') }]} />
          )}
          {newButton}
        </Space>
      </Flex>
      <QueryState query={query}>
        {({ data }) =>
          !data.length ? (
            <EmptyState description={<><div>{t('networks.empty')}</div><Typography.Text type="secondary">{t('networks.emptyHint')}</Typography.Text></>}>
              {newButton}
            </EmptyState>
          ) : mode === 'compare' && data.length > 1 ? (
            <Compare key={version} list={data} clientName={clientName} />
          ) : (
            <Single key={version} list={data} clientName={clientName} />
          )
        }
      </QueryState>
      {abilities.work && (
        <EcomapForm
          caseId={caseId}
          clientName={clientName}
          latest={list[0] ?? null}
          open={drawing}
          onClose={() => setDrawing(false)}
          onSaved={() => {
            setDrawing(false);
            // Show the new snapshot: pickers start again from the latest.
            setVersion((v) => v + 1);
          }}
        />
      )}
    </div>
  );
}
