import { Card, Descriptions, Flex, Grid, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnswerValue, Answers, AssessmentResult, InstrumentDefinition, InstrumentItem, ListColumn } from '../../../../common/schemas/assessments.schema';
import { SectionScore } from './AssessmentResultView';
import { loc } from './assessments.format';

function Missing() {
  const { t } = useTranslation();
  return <Typography.Text type="secondary">{t('assessments.detail.notAnswered')}</Typography.Text>;
}

function ScalarValue({ def, v, showPoints = false }: { def: Exclude<InstrumentItem, { kind: 'list' }> | ListColumn; v: unknown; showPoints?: boolean }) {
  const { t } = useTranslation();
  if (v === undefined || v === null || v === '') return <Missing />;
  if (def.kind === 'choice') {
    const o = def.options.find((x) => x.value === v);
    if (!o) return <>{String(v)}</>;
    return (
      <span>
        {showPoints && o.points !== undefined && <Tag color="blue">{t('assessments.score', { score: o.points })}</Tag>}
        {loc(o.label)}
      </span>
    );
  }
  if (def.kind === 'number') return <>{`${v}${def.unit ? ` ${loc(def.unit)}` : ''}`}</>;
  return <span style={{ whiteSpace: 'pre-wrap' }}>{String(v)}</span>;
}

function ListValue({ item, rows }: { item: Extract<InstrumentItem, { kind: 'list' }>; rows: AnswerValue | undefined }) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const data = Array.isArray(rows) ? rows : [];
  if (!data.length) return <Missing />;
  if (!screens.md) {
    return (
      <Flex vertical gap={8} style={{ width: '100%' }}>
        {data.map((r, i) => (
          <Card key={i} size="small" type="inner" title={t('assessments.form.row', { n: i + 1 })}>
            <Descriptions size="small" column={1} items={item.columns.map((c) => ({ key: c.key, label: loc(c.label), children: <ScalarValue def={c} v={r[c.key]} /> }))} />
          </Card>
        ))}
      </Flex>
    );
  }
  return (
    <Table
      size="small"
      pagination={false}
      style={{ width: '100%' }}
      rowKey={(_r, i) => String(i)}
      dataSource={data}
      columns={[
        { key: '#', title: '#', width: 40, render: (_v, _r, i) => i + 1 },
        ...item.columns.map((c) => ({ key: c.key, title: loc(c.label), render: (_v: unknown, r: Record<string, string | number>) => <ScalarValue def={c} v={r[c.key]} /> })),
      ]}
    />
  );
}

/** The answers of one assessment, read-only, laid out by the definition of the version it was made with. */
export function InstrumentAnswersView({ definition, answers, result }: { definition: InstrumentDefinition; answers: Answers; result: AssessmentResult }) {
  const wide = Grid.useBreakpoint().md;
  return (
    <Flex vertical gap={12}>
      {definition.sections.map((s) => {
        const r = result.sections.find((x) => x.key === s.key);
        const items: { key: string; label: ReactNode; children: ReactNode }[] = s.items.map((it) => ({
          key: it.key,
          label: loc(it.label),
          children: it.kind === 'list' ? <ListValue item={it} rows={answers[it.key]} /> : <ScalarValue def={it} v={answers[it.key]} showPoints={!!s.scoring} />,
        }));
        return (
          <Card key={s.key} size="small" title={loc(s.title)} extra={<SectionScore s={r} scored={!!s.scoring?.sum} graded={!!s.scoring?.grade} />}>
            <Descriptions
              size="small"
              column={1}
              layout={wide ? 'horizontal' : 'vertical'}
              styles={wide ? { label: { width: 240 } } : undefined}
              items={items}
            />
          </Card>
        );
      })}
    </Flex>
  );
}
