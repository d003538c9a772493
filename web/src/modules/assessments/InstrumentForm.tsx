import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Form, Input, InputNumber, Radio, Row, Select, Tag, Typography } from 'antd';
import type { FormInstance } from 'antd';
import type { Rule } from 'antd/es/form';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { checkAnswers, scoreAnswers } from '../../../../common/assessments/instruments.scoring';
import type { AssessmentResult, ChoiceOption, InstrumentDefinition, InstrumentItem, ListColumn } from '../../../../common/schemas/assessments.schema';
import { fieldText } from '../../lib/i18n';
import { SectionScore } from './AssessmentResultView';
import { loc } from './assessments.format';

/*
 * The form of any instrument, rendered from its definition: no code knows one instrument from
 * another. Answers live under `answers.<itemKey>` of the surrounding antd Form; a list item's rows
 * under `answers.<itemKey>.<row>.<column>` — the same paths the server names in its errors.
 */

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
const requiredRule = (required: boolean): Rule[] => (required ? [{ required: true, whitespace: true, message: fieldText('required') }] : []);

/**
 * The result of the answers so far, computed by the same engine the server scores with
 * (common/assessments/instruments.scoring.ts): the worker sees the score and level as they go.
 */
export function useLiveResult(definition: InstrumentDefinition | undefined, form: FormInstance): AssessmentResult | null {
  const answers = Form.useWatch('answers', { form, preserve: true }) as Record<string, unknown> | undefined;
  return useMemo(() => {
    if (!definition) return null;
    return scoreAnswers({ definition, answers: checkAnswers({ definition, answers: answers ?? {} }).answers });
  }, [definition, answers]);
}

/** An option with its points, in sections that score (a points tag elsewhere would mislead). */
function OptionLabel({ o, showPoints }: { o: ChoiceOption; showPoints: boolean }) {
  const { t } = useTranslation();
  return (
    <span>
      {showPoints && o.points !== undefined && (
        <Tag color="blue" style={{ minWidth: 48, textAlign: 'center' }}>
          {t('assessments.score', { score: o.points })}
        </Tag>
      )}
      {loc(o.label)}
    </span>
  );
}

/** The input of one value (an item or a list cell). antd's Form.Item passes value/onChange. */
function ValueInput({
  def, compact, showPoints = false, ...rest
}: {
  def: Exclude<InstrumentItem, { kind: 'list' }> | ListColumn;
  compact?: boolean;
  showPoints?: boolean;
  id?: string;
  value?: unknown;
  onChange?: (v: unknown) => void;
}) {
  switch (def.kind) {
    case 'choice':
      // Points are read at a glance in a vertical radio list; inside a list row a select is smaller.
      return compact ? (
        <Select {...rest} allowClear options={def.options.map((o) => ({ value: o.value, label: loc(o.label) }))} style={{ width: '100%' }} />
      ) : (
        <Radio.Group {...rest} vertical options={def.options.map((o) => ({ value: o.value, label: <OptionLabel o={o} showPoints={showPoints} /> }))} />
      );
    case 'number':
      return (
        <InputNumber
          {...(rest as { value?: number; onChange?: (v: number | null) => void; id?: string })}
          min={def.min}
          max={def.max}
          precision={def.integer ? 0 : undefined}
          suffix={def.unit ? loc(def.unit) : undefined}
          style={{ width: compact ? '100%' : 180 }}
        />
      );
    case 'longText':
      return <Input.TextArea {...(rest as { value?: string; id?: string })} autoSize={{ minRows: 2, maxRows: 10 }} maxLength={def.maxLength} />;
    default:
      return <Input {...(rest as { value?: string; id?: string })} maxLength={def.maxLength} />;
  }
}

function ListField({ item }: { item: Extract<InstrumentItem, { kind: 'list' }> }) {
  const { t } = useTranslation();
  const min = Math.max(item.minRows, item.required ? 1 : 0);
  const fixed = item.columns.filter((c) => c.kind !== 'text').length;
  const texts = item.columns.length - fixed;
  const textSpan = texts ? Math.max(8, Math.floor((24 - fixed * 6) / texts)) : 24;
  return (
    <Form.Item label={loc(item.label)} extra={item.help ? loc(item.help) : undefined} required={min > 0}>
      <Form.List
        name={['answers', item.key]}
        initialValue={Array.from({ length: Math.max(1, min) }, () => ({}))}
        rules={[
          {
            validator: async (_r, rows: Record<string, unknown>[] | undefined) => {
              const filled = (rows ?? []).filter((r) => r && item.columns.some((c) => !blank(r[c.key]))).length;
              if (filled < min) throw new Error(fieldText('required'));
            },
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <Flex vertical gap={8}>
            {fields.map((f, i) => (
              <Card
                key={f.key}
                size="small"
                type="inner"
                title={t('assessments.form.row', { n: i + 1 })}
                extra={<Button type="text" danger size="small" icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('assessments.form.removeRow')} />}
              >
                <Row gutter={12}>
                  {item.columns.map((col) => (
                    <Col key={col.key} xs={24} md={col.kind === 'text' ? textSpan : 6}>
                      <Form.Item
                        name={[f.name, col.key]}
                        label={loc(col.label)}
                        required={col.required}
                        style={{ marginBottom: 8 }}
                        rules={[
                          ({ getFieldValue }) => ({
                            // A blank row is not a row (the server drops it): its cells are not required.
                            validator: async (_r, v) => {
                              const row = getFieldValue(['answers', item.key, f.name]) as Record<string, unknown> | undefined;
                              if (!col.required || !row || item.columns.every((c) => blank(row[c.key]))) return;
                              if (blank(v)) throw new Error(fieldText('required'));
                            },
                          }),
                        ]}
                      >
                        <ValueInput def={col} compact />
                      </Form.Item>
                    </Col>
                  ))}
                </Row>
              </Card>
            ))}
            {fields.length < item.maxRows && (
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} block>
                {t('assessments.form.addRow')}
              </Button>
            )}
            <Form.ErrorList errors={errors} />
          </Flex>
        )}
      </Form.List>
    </Form.Item>
  );
}

function ItemField({ item, showPoints }: { item: InstrumentItem; showPoints: boolean }) {
  if (item.kind === 'list') return <ListField item={item} />;
  return (
    <Form.Item name={['answers', item.key]} label={loc(item.label)} extra={item.help ? loc(item.help) : undefined} rules={requiredRule(item.required)}>
      <ValueInput def={item} showPoints={showPoints} />
    </Form.Item>
  );
}

/**
 * The sections and items of an instrument as form fields, each section with its running score and
 * grade. Place it inside an antd Form; pass the live result (useLiveResult) to show the scores.
 */
export function InstrumentForm({ definition, result }: { definition: InstrumentDefinition; result: AssessmentResult | null }) {
  return (
    <Flex vertical gap={12}>
      {definition.sections.map((s) => {
        const r = result?.sections.find((x) => x.key === s.key);
        return (
          <Card key={s.key} size="small" title={loc(s.title)} extra={<SectionScore s={r} scored={!!s.scoring?.sum} graded={!!s.scoring?.grade} />}>
            {s.description && (
              <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
                {loc(s.description)}
              </Typography.Paragraph>
            )}
            {s.items.map((it) => (
              <ItemField key={it.key} item={it} showPoints={!!s.scoring} />
            ))}
          </Card>
        );
      })}
    </Flex>
  );
}
