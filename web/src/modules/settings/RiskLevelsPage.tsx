import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Flex, Form, Grid, Input, InputNumber, Row, Select, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import type { FormInstance, TableColumnsType } from 'antd';
import type { FormListFieldData, FormListOperation } from 'antd/es/form/FormList';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { RISK_COLORS, riskLevelInput, riskLevelsInput, type RiskLevel, type RiskLevels } from '../../../../common/schemas/settings.schema';
import { ErrorState, Loading } from '../../app/states';
import { validateWith, zodRule } from '../../lib/forms';
import { currentLang, fieldText } from '../../lib/i18n';
import { useFormSubmit, validatedValues } from '../../lib/submit';
import { useRiskLevels, useSaveRiskLevels, type RiskColor } from './settings.api';

/** riskLevelsInput allows at most this many levels. */
const MAX_LEVELS = 10;

type Level = Omit<RiskLevel, 'contactDays'> & { contactDays: number | null; isNew: boolean };
type Values = { levels: Level[] };

const toValues = (r: RiskLevels): Values => ({ levels: r.data.map((l) => ({ ...l, isNew: false })) });
const blank = (): Level => ({ code: '', zh: '', en: '', contactDays: null, color: 'default', active: true, inUse: false, isNew: true });

/** The colour of a level, each choice previewed as the level's tag. */
function ColorSelect({ index, value, onChange, ...rest }: { index: number; value?: RiskColor; onChange?: (v: RiskColor) => void; 'aria-label'?: string }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<Values>();
  const name = (Form.useWatch(['levels', index, currentLang()], form) as string | undefined)?.trim() || t('settings.riskLevels.newLevel');
  const colorName = (c: RiskColor) => t(`settings.riskLevels.colors.${c}`);
  return (
    <Select<RiskColor>
      {...rest}
      value={value}
      onChange={onChange}
      style={{ width: '100%' }}
      popupMatchSelectWidth={false}
      options={RISK_COLORS.map((c) => ({
        value: c,
        title: colorName(c),
        label: (
          <Flex gap={8} align="center">
            <Tag color={c} style={{ marginInlineEnd: 0 }}>
              {name}
            </Tag>
            <Typography.Text type="secondary">{colorName(c)}</Typography.Text>
          </Flex>
        ),
      }))}
      labelRender={({ value: c }) => (
        <Tag color={c as RiskColor} style={{ marginInlineEnd: 0 }}>
          {name}
        </Tag>
      )}
    />
  );
}

type Cell = 'order' | 'code' | 'zh' | 'en' | 'contactDays' | 'color' | 'active' | 'remove';
type Cells = Record<Cell, ReactNode> & { isNew: boolean };

/** The inputs and buttons of one level, laid out as a table row on a screen and as a card on a phone. */
function useLevelCells(form: FormInstance<Values>, fields: FormListFieldData[], ops: FormListOperation, touch: () => void, labelled: boolean) {
  const { t } = useTranslation();
  const col = (k: string) => t(`settings.riskLevels.col.${k}`);
  return (f: FormListFieldData, index: number): Cells => {
    const row = (form.getFieldValue(['levels', f.name]) ?? blank()) as Level;
    const n = t('settings.riskLevels.level', { n: index + 1 });
    const aria = (k: string) => `${col(k)} ${n}`;
    const item = (k: string) => ({ label: labelled ? col(k) : undefined, style: { marginBottom: labelled ? 12 : 0 } });
    const sameCode = {
      validator: async (_: unknown, v: string | undefined) => {
        const code = v?.trim();
        const all = (form.getFieldValue('levels') ?? []) as Level[];
        if (code && all.some((l, i) => i !== f.name && l?.code?.trim() === code)) throw new Error(fieldText('risk_level.code_taken'));
      },
    };
    return {
      isNew: row.isNew,
      order: (
        <Space size={0}>
          {/* Each hint opens away from the way its row travels: a 上移 hint above its button would
              cover the 上移 of the row above, the very next click when moving a row up step by step
              (the pointer then rests on the row that came down, whose hint opens). */}
          <Tooltip title={t('settings.riskLevels.moveUp')} placement="bottom">
            <Button type="text" size="small" icon={<ArrowUpOutlined />} disabled={index === 0} aria-label={`${t('settings.riskLevels.moveUp')} ${n}`} onClick={() => (ops.move(index, index - 1), touch())} />
          </Tooltip>
          <Tooltip title={t('settings.riskLevels.moveDown')} placement="top">
            <Button type="text" size="small" icon={<ArrowDownOutlined />} disabled={index === fields.length - 1} aria-label={`${t('settings.riskLevels.moveDown')} ${n}`} onClick={() => (ops.move(index, index + 1), touch())} />
          </Tooltip>
        </Space>
      ),
      code: row.isNew ? (
        <Form.Item name={[f.name, 'code']} {...item('code')} rules={[zodRule(riskLevelInput, 'code'), sameCode]}>
          <Input maxLength={20} placeholder={t('settings.riskLevels.codePlaceholder')} aria-label={aria('code')} className="masked" autoFocus />
        </Form.Item>
      ) : (
        <Flex gap={6} align="center" wrap>
          <Typography.Text className="masked" aria-label={aria('code')}>
            {row.code}
          </Typography.Text>
          {row.inUse && <Tag style={{ marginInlineEnd: 0, fontSize: 12 }}>{t('settings.riskLevels.inUse')}</Tag>}
        </Flex>
      ),
      zh: (
        <Form.Item name={[f.name, 'zh']} {...item('zh')} rules={[zodRule(riskLevelInput, 'zh')]}>
          <Input maxLength={20} placeholder={row.isNew ? t('settings.riskLevels.zhPlaceholder') : undefined} aria-label={aria('zh')} />
        </Form.Item>
      ),
      en: (
        <Form.Item name={[f.name, 'en']} {...item('en')} rules={[zodRule(riskLevelInput, 'en')]}>
          <Input maxLength={40} placeholder={row.isNew ? t('settings.riskLevels.enPlaceholder') : undefined} aria-label={aria('en')} />
        </Form.Item>
      ),
      contactDays: (
        <Form.Item name={[f.name, 'contactDays']} {...item('contactDays')} rules={[zodRule(riskLevelInput, 'contactDays')]}>
          <InputNumber min={1} max={365} precision={0} suffix={t('settings.riskLevels.days')} aria-label={aria('contactDays')} style={{ width: '100%' }} />
        </Form.Item>
      ),
      color: (
        <Form.Item name={[f.name, 'color']} {...item('color')}>
          <ColorSelect index={f.name} aria-label={aria('color')} />
        </Form.Item>
      ),
      active: labelled ? (
        <Flex gap={8} align="center" style={{ marginBottom: 12 }}>
          <span>{col('active')}</span>
          <Form.Item name={[f.name, 'active']} valuePropName="checked" noStyle>
            <Switch aria-label={aria('active')} />
          </Form.Item>
        </Flex>
      ) : (
        <Form.Item name={[f.name, 'active']} {...item('active')} valuePropName="checked">
          <Switch aria-label={aria('active')} />
        </Form.Item>
      ),
      remove: row.inUse ? (
        <Tooltip title={t('settings.riskLevels.inUseTip')}>
          <span style={{ display: 'inline-block', cursor: 'not-allowed' }}>
            <Button type="text" size="small" danger icon={<DeleteOutlined />} disabled aria-label={`${t('settings.riskLevels.remove')} ${n}`} style={{ pointerEvents: 'none' }} />
          </span>
        </Tooltip>
      ) : (
        <Tooltip title={t('settings.riskLevels.remove')}>
          <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={`${t('settings.riskLevels.remove')} ${n}`} onClick={() => (ops.remove(f.name), touch())} />
        </Tooltip>
      ),
    };
  };
}

function LevelsTable({ fields, cells }: { fields: FormListFieldData[]; cells: (f: FormListFieldData, i: number) => Cells }) {
  const { t } = useTranslation();
  const col = (k: Cell, width?: number, align?: 'center') => ({
    title: t(`settings.riskLevels.col.${k === 'remove' ? 'actions' : k}`),
    key: k,
    width,
    align,
    render: (_: unknown, f: FormListFieldData, i: number) => cells(f, i)[k],
  });
  const columns: TableColumnsType<FormListFieldData> = [
    col('order', 80),
    col('code', 180),
    col('zh'),
    col('en'),
    col('contactDays', 150),
    col('color', 170),
    col('active', 70, 'center'),
    col('remove', 84, 'center'),
  ];
  return <Table<FormListFieldData> rowKey="key" size="small" columns={columns} dataSource={fields} pagination={false} tableLayout="fixed" style={{ marginBottom: 12 }} />;
}

function LevelsCards({ fields, cells }: { fields: FormListFieldData[]; cells: (f: FormListFieldData, i: number) => Cells }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={8} style={{ marginBottom: 12 }}>
      {fields.map((f, i) => {
        const c = cells(f, i);
        return (
          <div key={f.key} style={{ border: '1px solid #eef0f2', borderRadius: 8, padding: '8px 12px 0' }}>
            <Flex justify="space-between" align="center" gap={8} style={{ marginBottom: 8 }}>
              <Flex gap={8} align="center" style={{ minWidth: 0 }}>
                <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
                  {t('settings.riskLevels.level', { n: i + 1 })}
                </Typography.Text>
                {!c.isNew && c.code}
              </Flex>
              <Space size={0}>
                {c.order}
                {c.remove}
              </Space>
            </Flex>
            {c.isNew && c.code}
            <Row gutter={8}>
              <Col span={12}>{c.zh}</Col>
              <Col span={12}>{c.en}</Col>
              <Col span={12}>{c.contactDays}</Col>
              <Col span={12}>{c.color}</Col>
            </Row>
            {c.active}
          </div>
        );
      })}
    </Flex>
  );
}

/** The editor of one version of the list; a new version (saved, reloaded) mounts a fresh one. */
function LevelsEditor({ initial, onSaved, onReload, reloading }: { initial: RiskLevels; onSaved: (r: RiskLevels) => void; onReload: () => void; reloading: boolean }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const { submit } = useFormSubmit(form);
  const saveLevels = useSaveRiskLevels();
  const [dirty, setDirty] = useState(false);
  const [conflict, setConflict] = useState(false);
  const compact = !Grid.useBreakpoint().md;
  const touch = () => setDirty(true);

  const save = async () => {
    if (!(await validatedValues(form))) return;
    // Every value of every row (codes of saved levels have no input of their own).
    const rows = ((form.getFieldsValue(true) as Values).levels ?? []).filter(Boolean);
    const body = {
      version: initial.version,
      levels: rows.map((l) => ({ code: l.code?.trim() ?? '', zh: l.zh ?? '', en: l.en ?? '', contactDays: l.contactDays ?? undefined, color: l.color, active: !!l.active })),
    };
    const input = validateWith(form, riskLevelsInput, body);
    if (!input) return;
    await submit(() => saveLevels.mutateAsync(input), { success: t('settings.riskLevels.saved'), onSaved, onConflict: () => setConflict(true) });
  };

  return (
    <Form<Values> form={form} initialValues={toValues(initial)} layout={compact ? 'vertical' : undefined} onValuesChange={touch} onFinish={() => void save()} requiredMark={false} scrollToFirstError={{ block: 'center' }}>
      {conflict && (
        <Alert
          type="warning"
          showIcon
          title={t('settings.riskLevels.conflict')}
          action={
            <Button size="small" onClick={onReload} loading={reloading}>
              {t('settings.riskLevels.reload')}
            </Button>
          }
          style={{ marginBottom: 12 }}
        />
      )}
      <Form.List name="levels">
        {(fields, ops, { errors }) => (
          <ListBody form={form} fields={fields} ops={ops} errors={errors} touch={touch} compact={compact} />
        )}
      </Form.List>
      <Flex justify="flex-end" gap={8} wrap align="center">
        {dirty && <Typography.Text type="secondary">{t('settings.riskLevels.unsaved')}</Typography.Text>}
        <Button
          disabled={!dirty || saveLevels.isPending}
          onClick={() => {
            form.resetFields();
            setDirty(false);
          }}
        >
          {t('settings.riskLevels.undo')}
        </Button>
        <Button type="primary" htmlType="submit" loading={saveLevels.isPending}>
          {t('settings.riskLevels.save')}
        </Button>
      </Flex>
    </Form>
  );
}

function ListBody({ form, fields, ops, errors, touch, compact }: { form: FormInstance<Values>; fields: FormListFieldData[]; ops: FormListOperation; errors: ReactNode[]; touch: () => void; compact: boolean }) {
  const { t } = useTranslation();
  const cells = useLevelCells(form, fields, ops, touch, compact);
  const full = fields.length >= MAX_LEVELS;
  return (
    <>
      {compact ? <LevelsCards fields={fields} cells={cells} /> : <LevelsTable fields={fields} cells={cells} />}
      <Form.Item style={{ marginBottom: 16 }}>
        <Tooltip title={full ? t('settings.riskLevels.max', { count: MAX_LEVELS }) : undefined}>
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            block
            disabled={full}
            onClick={() => {
              ops.add(blank());
              touch();
            }}
          >
            {t('settings.riskLevels.add')}
          </Button>
        </Tooltip>
        <Form.ErrorList errors={errors} />
      </Form.Item>
    </>
  );
}

/** 系统设置 → 风险等级: the levels a case can be given and how often each must be contacted. */
export default function RiskLevelsPage() {
  const { t } = useTranslation();
  const list = useRiskLevels().query;
  // The version being edited: pinned once loaded, so a background refetch never wipes edits.
  const [base, setBase] = useState<RiskLevels | undefined>();
  if (!base && list.data) setBase(list.data);
  const current = base ?? list.data;
  const reload = async () => {
    const r = await list.refetch();
    if (r.data) setBase(r.data);
  };

  return (
    <div style={{ maxWidth: 1200 }}>
      <div className="page-title">
        <Typography.Title level={4}>{t('settings.riskLevels.title')}</Typography.Title>
      </div>
      <Alert type="info" showIcon title={t('settings.riskLevels.intro')} description={t('settings.riskLevels.rules')} style={{ marginBottom: 16 }} />
      <Card size="small">
        {current ? (
          <LevelsEditor key={current.version} initial={current} onSaved={setBase} onReload={() => void reload()} reloading={list.isFetching} />
        ) : list.isPending ? (
          <Loading />
        ) : (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        )}
      </Card>
    </div>
  );
}
