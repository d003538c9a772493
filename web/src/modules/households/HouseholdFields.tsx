import { Col, Form, Input, Row, Select } from 'antd';
import type { Rule } from 'antd/es/form';
import { useTranslation } from 'react-i18next';
import { HOUSEHOLD_TYPES } from '../../../../common/codes/resident.codes';
import { householdCreateInput } from '../../../../common/schemas/households.schema';
import { zodRule } from '../../lib/forms';
import { codeOptions } from '../../lib/i18n';

export const ADDRESS_FIELDS = ['neighborhood', 'building', 'unit', 'room', 'addressDetail'] as const;
export const EDITABLE_FIELDS = [...ADDRESS_FIELDS, 'type', 'note'] as const;
export type HouseholdFormValues = Partial<Record<(typeof EDITABLE_FIELDS)[number] | 'communityId', string | null>>;

const rule = (field: string) => zodRule(householdCreateInput, field);

/** The address, type and note of a household; shared by the create and edit forms. */
export function HouseholdFields() {
  const { t } = useTranslation();
  // A household is found by its address: at least one part of it must be there.
  const someAddress: Rule = ({ getFieldsValue }) => ({
    validator: async () => {
      const v = getFieldsValue([...ADDRESS_FIELDS]) as Record<string, string | undefined>;
      if (!ADDRESS_FIELDS.some((f) => v[f]?.trim())) throw new Error(t('households.addressRequired'));
    },
  });
  const deps = [...ADDRESS_FIELDS].filter((f) => f !== 'neighborhood');
  return (
    <>
      <Form.Item name="neighborhood" label={t('households.field.neighborhood')} rules={[rule('neighborhood'), someAddress]} dependencies={deps}>
        <Input placeholder={t('households.placeholder.neighborhood')} maxLength={60} autoComplete="off" />
      </Form.Item>
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item name="building" label={t('households.field.building')} rules={[rule('building')]}>
            <Input placeholder={t('households.placeholder.building')} maxLength={20} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="unit" label={t('households.field.unit')} rules={[rule('unit')]}>
            <Input placeholder={t('households.placeholder.unit')} maxLength={20} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="room" label={t('households.field.room')} rules={[rule('room')]}>
            <Input placeholder={t('households.placeholder.room')} maxLength={20} autoComplete="off" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="addressDetail" label={t('households.field.addressDetail')} rules={[rule('addressDetail')]}>
        <Input placeholder={t('households.placeholder.addressDetail')} maxLength={200} autoComplete="off" />
      </Form.Item>
      <Form.Item name="type" label={t('households.field.type')} rules={[rule('type')]}>
        <Select options={codeOptions(HOUSEHOLD_TYPES)} />
      </Form.Item>
      <Form.Item name="note" label={t('households.field.note')} rules={[rule('note')]}>
        <Input.TextArea placeholder={t('households.placeholder.note')} maxLength={1000} autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
    </>
  );
}
