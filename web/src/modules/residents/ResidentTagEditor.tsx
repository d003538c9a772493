import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Flex, Form, Input, Select, Tag, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { TAGS } from '../../../../common/codes/tag.codes';
import { tagInput } from '../../../../common/schemas/residents.schema';
import { codeLabel, fieldText } from '../../lib/i18n';
import { dateItemProps } from '../../lib/format';
import { zodRule } from '../../lib/forms';
import { ageOf, tagOptions, today } from './residents.format';

export type TagRow = { tag?: string; startDate?: string | null; endDate?: string | null; note?: string | null };

/** Tags that what was entered suggests (§5.1 target groups), and that the resident does not have yet. */
function suggestions(v: { birthDate?: string | null; disabilityType?: string | null; incomeStatus?: string | null; hukouType?: string | null; health?: string | null; tags?: TagRow[] }): string[] {
  const have = new Set((v.tags ?? []).map((x) => x?.tag));
  const age = ageOf(v.birthDate);
  const out: string[] = [];
  if (age != null && age >= 80) out.push('elderly_advanced_age');
  if (age != null && age >= 60 && (v.health === 'dependent' || v.health === 'partly_dependent')) out.push('elderly_dependent');
  if (v.disabilityType) out.push('disabled');
  if (v.incomeStatus && v.incomeStatus !== 'none') out.push('assistance_recipient');
  if (v.hukouType === 'migrant') out.push('migrant');
  return out.filter((x) => !have.has(x));
}

/** Rows of tag · start · end · note, with add/remove and suggestions. */
export function ResidentTagEditor({ form, allowRestricted, mobile }: { form: FormInstance; allowRestricted: boolean; mobile: boolean }) {
  const { t } = useTranslation();
  const watched = Form.useWatch((v) => ({ birthDate: v.birthDate, disabilityType: v.disabilityType, incomeStatus: v.incomeStatus, hukouType: v.hukouType, health: v.health, tags: v.tags }), form);
  const suggested = suggestions(watched ?? {});
  const options = tagOptions(allowRestricted);

  return (
    <Form.List name="tags">
      {(fields, { add, remove }, { errors }) => (
        <>
          {fields.map((f) => (
            <Flex key={f.key} gap={8} wrap={mobile} align="flex-start" style={{ marginBottom: mobile ? 12 : 0, paddingBottom: mobile ? 8 : 0, borderBottom: mobile ? '1px dashed #e2e8f0' : undefined }}>
              <Form.Item name={[f.name, 'tag']} rules={[{ required: true, message: fieldText('required') }]} style={{ flex: mobile ? '1 1 100%' : '0 0 200px', marginBottom: 12 }}>
                <Select options={options} placeholder={t('residents.edit.tag')} aria-label={t('residents.edit.tag')} showSearch={{ optionFilterProp: 'label' }} />
              </Form.Item>
              <Form.Item name={[f.name, 'startDate']} {...dateItemProps} style={{ flex: mobile ? '1 1 40%' : '0 0 150px', marginBottom: 12 }}>
                <DatePicker placeholder={t('residents.edit.startDate')} aria-label={t('residents.edit.startDate')} style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item
                name={[f.name, 'endDate']}
                {...dateItemProps}
                dependencies={[['tags', f.name, 'startDate']]}
                rules={[
                  ({ getFieldValue }) => ({
                    validator: async (_r, end: string | null) => {
                      const start = getFieldValue(['tags', f.name, 'startDate']) as string | null;
                      if (start && end && end < start) throw new Error(fieldText('date_order'));
                    },
                  }),
                ]}
                style={{ flex: mobile ? '1 1 40%' : '0 0 150px', marginBottom: 12 }}
              >
                <DatePicker placeholder={t('residents.edit.endDate')} aria-label={t('residents.edit.endDate')} style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name={[f.name, 'note']} rules={[zodRule(tagInput, 'note')]} style={{ flex: 1, minWidth: 120, marginBottom: 12 }}>
                <Input placeholder={t('residents.edit.tagNote')} aria-label={t('residents.edit.tagNote')} maxLength={200} />
              </Form.Item>
              <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('residents.edit.removeTag')} title={t('residents.edit.removeTag')} />
            </Flex>
          ))}
          <Form.ErrorList errors={errors} />
          <Flex gap={8} wrap align="center">
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ startDate: today() })}>
              {t('residents.edit.addTag')}
            </Button>
            {suggested.length > 0 && (
              <span>
                <Typography.Text type="secondary" style={{ marginInlineEnd: 6 }}>
                  {t('residents.edit.tagSuggest')}
                </Typography.Text>
                {suggested.map((code) => (
                  <Tag key={code} icon={<PlusOutlined />} color="processing" style={{ cursor: 'pointer' }} onClick={() => add({ tag: code, startDate: today() })} onKeyDown={(e) => e.key === 'Enter' && add({ tag: code, startDate: today() })} role="button" tabIndex={0}>
                    {codeLabel(TAGS, code)}
                  </Tag>
                ))}
              </span>
            )}
          </Flex>
        </>
      )}
    </Form.List>
  );
}
