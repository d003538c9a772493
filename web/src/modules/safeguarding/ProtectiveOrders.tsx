import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, DatePicker, Descriptions, Flex, Form, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import { ORDER_KINDS, PROTECTION_MEASURES } from '../../../../common/codes/case.codes';
import { protectionOrderLatestEnd, protectionOrderTooLong, protectiveOrderInput, type ProtectiveOrder } from '../../../../common/schemas/safeguarding.schema';
import { EmptyState, QueryState } from '../../app/states';
import { beijingToday, dateItemProps, fmtDate, isAfterToday } from '../../lib/format';
import { cleanValues, validateWith, zodRule } from '../../lib/forms';
import { codeLabel, codeOptions, fieldText } from '../../lib/i18n';
import { useFormSubmit } from '../../lib/submit';
import { useCreateOrder, useOrders } from './safeguarding.api';
import { SectionTitle } from './SectionTitle';

/** 告诫书 (反家庭暴力法 第16–17条) and 人身安全保护令 (第23–32条), each with the visits it requires. */
export function ProtectiveOrders({ caseId, canWork }: { caseId: string; canWork: boolean }) {
  const { t } = useTranslation();
  const query = useOrders(caseId);
  const [adding, setAdding] = useState(false);
  return (
    <Card
      size="small"
      title={
        <SectionTitle
          title={t('safeguarding.orders.title')}
          action={
            canWork && (
              <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
                {t('safeguarding.orders.add')}
              </Button>
            )
          }
        />
      }
    >
      <QueryState query={query}>
        {({ data }) =>
          data.length ? (
            <Space orientation="vertical" size={12} style={{ width: '100%' }}>
              {data.map((o) => (
                <OrderItem key={o.id} o={o} />
              ))}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('safeguarding.orders.localPractice')}
              </Typography.Text>
            </Space>
          ) : (
            <EmptyState description={t('safeguarding.orders.none')} />
          )
        }
      </QueryState>
      {canWork && <OrderModal caseId={caseId} open={adding} onClose={() => setAdding(false)} />}
    </Card>
  );
}

function OrderItem({ o }: { o: ProtectiveOrder }) {
  const { t } = useTranslation();
  const isProtection = o.kind === 'protection_order';
  return (
    <div style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: 12 }}>
      <Space size={6} wrap style={{ marginBottom: 8 }}>
        <Tag color={isProtection ? 'magenta' : 'orange'} style={{ marginInlineEnd: 0 }}>
          {codeLabel(ORDER_KINDS, o.kind)}
        </Tag>
        {isProtection && <Tag color={o.inForce ? 'green' : 'default'}>{o.inForce ? t('safeguarding.orders.inForce') : t('safeguarding.orders.expired')}</Tag>}
        <Typography.Text strong>{o.issuer}</Typography.Text>
        {o.documentNo && <Typography.Text type="secondary">{o.documentNo}</Typography.Text>}
      </Space>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 3 }}
        items={[
          { key: 'issuedOn', label: t('safeguarding.orders.issuedOn'), children: fmtDate(o.issuedOn) },
          ...(o.validTo ? [{ key: 'validity', label: t('safeguarding.orders.validityLabel'), children: t('safeguarding.orders.validity', { from: fmtDate(o.validFrom ?? o.issuedOn), to: fmtDate(o.validTo) }) }] : []),
          ...(o.measures.length
            ? [{ key: 'measures', label: t('safeguarding.orders.measures'), children: o.measures.map((m) => codeLabel(PROTECTION_MEASURES, m)).join('、') }]
            : []),
          ...(o.note ? [{ key: 'note', label: t('safeguarding.orders.note'), span: 'filled' as const, children: <span style={{ whiteSpace: 'pre-wrap' }}>{o.note}</span> }] : []),
        ]}
      />
      <Typography.Text strong style={{ display: 'block', margin: '8px 0 4px' }}>
        {t('safeguarding.orders.visits')}
      </Typography.Text>
      {o.visits.length ? (
        <Flex gap={6} wrap>
          {o.visits.map((v) => (
            <Tag key={v.id} color={v.doneAt ? 'green' : v.overdue ? 'red' : 'blue'} title={[v.note, v.assigneeName && `${t('safeguarding.orders.assignee')}：${v.assigneeName}`].filter(Boolean).join(' · ')}>
              {fmtDate(v.dueDate)} {v.doneAt ? t('safeguarding.orders.visitDone') : v.overdue ? t('safeguarding.orders.visitOverdue') : t('safeguarding.orders.visitDue')}
            </Tag>
          ))}
        </Flex>
      ) : (
        <Typography.Text type="secondary">{t('safeguarding.orders.noVisits')}</Typography.Text>
      )}
    </div>
  );
}

function OrderModal({ caseId, open, onClose }: { caseId: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const { submit } = useFormSubmit(form);
  const create = useCreateOrder(caseId);
  const kind = Form.useWatch('kind', form) as string | undefined;
  const issuedOn = Form.useWatch('issuedOn', form) as string | undefined;
  const isProtection = kind === 'protection_order';
  // 反家庭暴力法 第30条: in force from the day it is made, for six months at most; checked here as the server does.
  const latest = issuedOn ? protectionOrderLatestEnd(issuedOn) : null;
  const sixMonths = {
    validator: async (_: unknown, value: string | null | undefined) => {
      if (isProtection && issuedOn && value && protectionOrderTooLong({ issuedOn, validTo: value })) {
        throw new Error(t('safeguarding.orders.tooLong', { date: latest }));
      }
    },
  };
  const notBeforeIssue = {
    validator: async (_: unknown, value: string | null | undefined) => {
      if (value && issuedOn && value < issuedOn) throw new Error(fieldText('order.starts_before_issue'));
    },
  };

  const save = async (values: Record<string, unknown>) => {
    const input = validateWith(form, protectiveOrderInput, cleanValues(values));
    if (!input) return;
    await submit(() => create.mutateAsync(input), {
      success: t('safeguarding.orders.added'),
      onSaved: () => {
        form.resetFields();
        onClose();
      },
    });
  };

  return (
    <Modal
      open={open}
      title={t('safeguarding.orders.addTitle')}
      okText={t('app.action.save')}
      cancelText={t('app.action.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
      mask={{ closable: false }}
      width={640}
    >
      <Alert type="info" showIcon title={t('safeguarding.orders.hint')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" onFinish={save} initialValues={{ kind: 'warning_letter', issuedOn: beijingToday(), measures: [] }}>
        <Flex gap={12} wrap>
          <Form.Item name="kind" label={t('safeguarding.orders.kind')} style={{ flex: '1 1 200px' }} rules={[zodRule(protectiveOrderInput, 'kind')]}>
            <Select options={codeOptions(ORDER_KINDS)} onChange={(k) => k !== 'protection_order' && form.setFieldsValue({ measures: [], validFrom: null, validTo: null })} />
          </Form.Item>
          <Form.Item
            name="issuedOn"
            label={isProtection ? t('safeguarding.orders.madeOn') : t('safeguarding.orders.issuedOn')}
            style={{ flex: '1 1 160px' }}
            rules={[zodRule(protectiveOrderInput, 'issuedOn')]}
            {...dateItemProps}
          >
            <DatePicker style={{ width: '100%' }} disabledDate={isAfterToday} onChange={() => void form.validateFields(['validFrom', 'validTo']).catch(() => undefined)} />
          </Form.Item>
        </Flex>
        <Flex gap={12} wrap>
          <Form.Item name="issuer" label={t('safeguarding.orders.issuer')} style={{ flex: '2 1 240px' }} rules={[zodRule(protectiveOrderInput, 'issuer')]}>
            <Input maxLength={100} placeholder={t('safeguarding.orders.issuerPlaceholder')} />
          </Form.Item>
          <Form.Item name="documentNo" label={t('safeguarding.orders.documentNo')} style={{ flex: '1 1 160px' }}>
            <Input maxLength={100} />
          </Form.Item>
        </Flex>
        {isProtection && (
          <>
            <Flex gap={12} wrap>
              <Form.Item
                name="validFrom"
                label={t('safeguarding.orders.validFrom')}
                extra={t('safeguarding.orders.validFromHint')}
                style={{ flex: '1 1 160px' }}
                rules={[notBeforeIssue]}
                {...dateItemProps}
              >
                <DatePicker
                  style={{ width: '100%' }}
                  disabledDate={(d) => !!issuedOn && d.format('YYYY-MM-DD') < issuedOn}
                  onChange={() => void form.validateFields(['validTo']).catch(() => undefined)}
                />
              </Form.Item>
              <Form.Item
                name="validTo"
                label={t('safeguarding.orders.validTo')}
                extra={latest && t('safeguarding.orders.latestEnd', { date: latest })}
                style={{ flex: '1 1 160px' }}
                dependencies={['validFrom', 'issuedOn']}
                rules={[{ required: true, message: fieldText('required') }, sixMonths]}
                {...dateItemProps}
              >
                <DatePicker style={{ width: '100%' }} disabledDate={(d) => !!latest && d.format('YYYY-MM-DD') > latest} />
              </Form.Item>
            </Flex>
            <Form.Item name="measures" label={t('safeguarding.orders.measures')}>
              <Checkbox.Group options={codeOptions(PROTECTION_MEASURES)} />
            </Form.Item>
          </>
        )}
        <Form.Item name="note" label={t('safeguarding.orders.note')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
