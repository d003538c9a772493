import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Drawer, Flex, Form, Grid, Input, Rate, Segmented, Select, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { TIE_KINDS, TIE_QUALITIES } from '../../../../common/codes/case.codes';
import { ECOMAP_MAX_TIES, ecomapInput, ecomapTie, type Ecomap, type EcomapTie } from '../../../../common/schemas/networks.schema';
import { SaveCancel } from '../../components/SaveCancel';
import { beijingToday, dateItemProps, isAfterToday } from '../../lib/format';
import { validateWith, zodRule, type IssueText } from '../../lib/forms';
import { codeOptions, fieldText } from '../../lib/i18n';
import { useFormSubmit, validatedValues } from '../../lib/submit';
import { EcomapDiagram } from './EcomapDiagram';
import { useCreateEcomap } from './networks.api';

type TieValues = Partial<EcomapTie>;
type Values = { takenOn?: string; note?: string; ties?: TieValues[] };

const blankTie = (): TieValues => ({ kind: 'family', formal: false, quality: 'supportive', strength: 2 });
const toValues = (t: EcomapTie): TieValues => ({ ...t, relation: t.relation ?? undefined, contact: t.contact ?? undefined, note: t.note ?? undefined });

/**
 * Records a new snapshot of the support network, starting from the latest one: the worker changes
 * what changed, so the two can be compared.
 */
export function EcomapForm({ caseId, clientName, latest, open, onClose, onSaved }: {
  caseId: string;
  clientName: string;
  latest: Ecomap | null;
  open: boolean;
  onClose: () => void;
  onSaved: (e: Ecomap) => void;
}) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<Values>();
  const { submit } = useFormSubmit(form);
  const create = useCreateEcomap(caseId);
  const ties = (Form.useWatch('ties', form) ?? []) as TieValues[];

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ takenOn: beijingToday(), note: undefined, ties: latest ? latest.ties.map(toValues) : [blankTie()] });
  }, [open, latest, form]);

  const preview = ties.filter((x): x is EcomapTie => !!x?.name?.trim() && !!x.kind && !!x.quality && !!x.strength).map((x) => ({ ...x, formal: !!x.formal }));
  const seen = new Set<string>();
  const uniquePreview = preview.filter((x) => (seen.has(x.name.trim()) ? false : (seen.add(x.name.trim()), true)));

  const save = async () => {
    const v = await validatedValues(form);
    if (!v) return;
    const body = {
      takenOn: v.takenOn,
      note: v.note ?? '',
      ties: (v.ties ?? []).map((x) => ({ ...x, formal: !!x.formal, relation: x.relation ?? '', contact: x.contact ?? '', note: x.note ?? '' })),
    };
    // `invalid` on a tie's name is the schema's "same name twice".
    const issueText: IssueText = (i) => (/^ties\.\d+\.name$/.test(i.field) && i.code === 'invalid' ? t('networks.form.duplicate') : undefined);
    const input = validateWith(form, ecomapInput, body, issueText);
    if (!input) return;
    await submit(() => create.mutateAsync(input), { success: t('networks.form.saved'), onSaved, issueText });
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('networks.form.title')}
      size={screens.lg ? 1080 : screens.md ? 760 : '100%'}
      destroyOnHidden
      footer={<SaveCancel onCancel={onClose} onSave={() => void save()} busy={create.isPending} />}
    >
      <Flex gap={16} align="flex-start" wrap={!screens.lg}>
        <div style={{ flex: '1 1 560px', minWidth: 0 }}>
          {latest ? (
            <Alert type="info" showIcon title={t('networks.form.basedOn', { date: latest.takenOn, count: latest.ties.length })} style={{ marginBottom: 12 }}
              action={<Button size="small" onClick={() => form.setFieldValue('ties', [blankTie()])}>{t('networks.form.blank')}</Button>} />
          ) : (
            <Typography.Paragraph type="secondary">{t('networks.form.firstHint')}</Typography.Paragraph>
          )}
          <Form form={form} layout="vertical" requiredMark="optional" onFinish={() => void save()}>
            <Flex gap={12} wrap>
              <Form.Item name="takenOn" label={t('networks.field.takenOn')} required rules={[{ required: true, message: fieldText('required') }]} style={{ flex: '0 1 180px' }} {...dateItemProps}>
                <DatePicker style={{ width: '100%' }} disabledDate={isAfterToday} />
              </Form.Item>
              <Form.Item name="note" label={t('networks.field.snapshotNote')} style={{ flex: '1 1 260px' }}>
                <Input maxLength={1000} placeholder={t('networks.form.notePlaceholder')} />
              </Form.Item>
            </Flex>
            <Form.List name="ties">
              {(fields, { add, remove }) => (
                <>
                  <Typography.Text strong style={{ display: 'block', marginBottom: 8 }}>
                    {t('networks.form.ties', { count: fields.length })}
                  </Typography.Text>
                  {fields.map((f, i) => (
                    <Card
                      key={f.key}
                      size="small"
                      title={<Typography.Text type="secondary">{ties[f.name]?.name?.trim() || t('networks.form.tieN', { n: i + 1 })}</Typography.Text>}
                      extra={<Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('networks.form.removeTie')} title={t('networks.form.removeTie')} onClick={() => remove(f.name)} />}
                      style={{ marginBottom: 8, background: '#fafafa' }}
                      styles={{ body: { paddingBottom: 0 } }}
                    >
                      <Flex gap={8} wrap align="flex-start">
                        <Form.Item name={[f.name, 'name']} label={t('networks.field.name')} required rules={[zodRule(ecomapTie, 'name')]} style={{ flex: '1 1 150px' }}>
                          <Input maxLength={50} placeholder={t('networks.form.placeholder.name')} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'relation']} label={t('networks.field.relation')} style={{ flex: '1 1 150px' }}>
                          <Input maxLength={50} placeholder={t('networks.form.placeholder.relation')} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'kind']} label={t('networks.field.kind')} required rules={[zodRule(ecomapTie, 'kind')]} style={{ flex: '0 1 130px' }}>
                          <Select options={codeOptions(TIE_KINDS)} />
                        </Form.Item>
                      </Flex>
                      <Flex gap="8px 16px" wrap align="flex-start">
                        <Form.Item name={[f.name, 'formal']} label={t('networks.field.formal')} style={{ flex: '0 0 auto' }}>
                          <Segmented options={[{ value: false, label: t('networks.informal') }, { value: true, label: t('networks.formal') }]} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'quality']} label={t('networks.field.quality')} required rules={[zodRule(ecomapTie, 'quality')]} style={{ flex: '0 0 auto' }}>
                          <Segmented options={codeOptions(TIE_QUALITIES)} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'strength']} label={t('networks.field.strength')} required rules={[zodRule(ecomapTie, 'strength')]} style={{ flex: '0 0 auto' }}>
                          <Rate count={3} allowClear={false} tooltips={[t('networks.strength.1'), t('networks.strength.2'), t('networks.strength.3')]} />
                        </Form.Item>
                      </Flex>
                      <Flex gap={8} wrap align="flex-start">
                        <Form.Item name={[f.name, 'contact']} label={t('networks.field.contact')} style={{ flex: '1 1 160px' }}>
                          <Input maxLength={100} placeholder={t('networks.form.placeholder.contact')} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'note']} label={t('networks.field.note')} style={{ flex: '2 1 200px' }}>
                          <Input maxLength={500} />
                        </Form.Item>
                      </Flex>
                    </Card>
                  ))}
                  <Button type="dashed" block icon={<PlusOutlined />} disabled={fields.length >= ECOMAP_MAX_TIES} onClick={() => add(blankTie())}>
                    {fields.length >= ECOMAP_MAX_TIES ? t('networks.form.tooMany', { max: ECOMAP_MAX_TIES }) : t('networks.form.addTie')}
                  </Button>
                </>
              )}
            </Form.List>
            <button type="submit" hidden />
          </Form>
        </div>
        {screens.md && (
          <div style={{ flex: '0 1 400px', position: 'sticky', top: 0, minWidth: 0, width: screens.lg ? undefined : '100%' }}>
            <Typography.Text type="secondary">{t('networks.form.preview')}</Typography.Text>
            <EcomapDiagram clientName={clientName} ties={uniquePreview} maxHeight={420} />
          </div>
        )}
      </Flex>
    </Drawer>
  );
}
