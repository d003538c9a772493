import { CalendarOutlined, CheckCircleFilled, PlusOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Empty, Flex, Form, Input, Modal, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FOLLOWUP_KINDS, TEAM_ROLES } from '../../../../common/codes/case.codes';
import type { Case, CaseAbilities, CaseFollowup } from '../../../../common/schemas/cases.schema';
import { dateItemProps, daysFromToday, fmtDate, isBeforeToday, todayPlusMonths } from '../../lib/format';
import { codeLabel } from '../../lib/i18n';
import { useFormSubmit, validatedValues } from '../../lib/submit';
import { RecordList } from './CaseRecordsTab';
import { useCaseAction } from './cases.api';

function AddFollowupModal({ c, open, onClose }: { c: Case; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ dueDate: string; note?: string; assigneeUserId?: string | null }>();
  const { submit, busy } = useFormSubmit(form);
  const run = useCaseAction(c.id);
  const members = c.team.filter((m) => m.active && m.userId).map((m) => ({ value: m.userId!, label: `${m.name}（${codeLabel(TEAM_ROLES, m.role)}）` }));
  const save = async () => {
    const v = await validatedValues(form);
    if (!v) return;
    await submit(() => run('post', 'followups', { dueDate: v.dueDate, note: v.note ?? '', assigneeUserId: v.assigneeUserId ?? null }), { success: t('cases.followups.added'), onSaved: onClose });
  };
  return (
    <Modal open={open} title={t('cases.followups.addTitle')} onCancel={onClose} onOk={() => void save()} okButtonProps={{ loading: busy }} okText={t('app.action.save')} cancelText={t('app.action.cancel')} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ dueDate: todayPlusMonths(1), assigneeUserId: c.leadUserId }}
      >
        <Form.Item name="dueDate" label={t('cases.followups.due')} required {...dateItemProps} rules={[{ required: true, message: t('cases.followups.due') }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={isBeforeToday} />
        </Form.Item>
        <Form.Item name="assigneeUserId" label={t('cases.followups.assignee')}>
          <Select options={members} allowClear placeholder={t('cases.followups.noAssignee')} />
        </Form.Item>
        <Form.Item name="note" label={t('cases.followups.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function When({ f }: { f: CaseFollowup }) {
  const { t } = useTranslation();
  if (f.doneAt) return <Tag color="success" icon={<CheckCircleFilled />}>{t('cases.followups.doneAt', { date: fmtDate(f.doneAt) })}</Tag>;
  const d = daysFromToday(f.dueDate);
  if (f.overdue || d < 0) return <Tag color="error">{t('cases.followups.overdue', { days: -d })}</Tag>;
  if (d === 0) return <Tag color="warning">{t('cases.followups.today')}</Tag>;
  return <Tag>{t('cases.followups.upcoming', { days: d })}</Tag>;
}

/** 回访: the follow-ups after closure (and order visits), each with its record form. */
export function CaseFollowupsTab({ c, abilities, onRecord }: { c: Case; abilities: CaseAbilities; onRecord: (followupId: string) => void }) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const canRecord = abilities.followUp || abilities.work;
  const canAdd = abilities.followUp || (abilities.work && c.status === 'active');
  /** After-closure visits are only planned until the case closes. */
  const planned = (f: CaseFollowup) => c.status !== 'closed' && f.kind === 'after_closure';
  const list = [...c.followups].sort((a, b) => Number(!!a.doneAt) - Number(!!b.doneAt) || a.dueDate.localeCompare(b.dueDate));

  return (
    <Flex vertical gap={12}>
      <Card
        size="small"
        title={t('cases.followups.title')}
        extra={canAdd && <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)}>{t('cases.followups.add')}</Button>}
      >
        {list.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<><div>{t('cases.followups.empty')}</div><Typography.Text type="secondary">{t('cases.followups.emptyHint')}</Typography.Text></>} />
        ) : (
          list.map((f) => (
            <Flex key={f.id} gap={10} align="center" wrap style={{ padding: '10px 0', borderBottom: '1px solid #f1f5f9' }}>
              <CalendarOutlined style={{ color: f.overdue && !f.doneAt ? '#dc2626' : '#0f766e', fontSize: 18 }} />
              <div style={{ flex: 1, minWidth: 180 }}>
                <Flex gap={8} align="center" wrap>
                  <Typography.Text strong>{fmtDate(f.dueDate)}</Typography.Text>
                  <Typography.Text type="secondary">{codeLabel(FOLLOWUP_KINDS, f.kind)}</Typography.Text>
                  {!planned(f) && <When f={f} />}
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('cases.followups.assignee')}{t('cases.c')}{f.assigneeName ?? t('cases.followups.noAssignee')}
                  {f.note && ` · ${f.note}`}
                </Typography.Text>
              </div>
              {!f.doneAt && canRecord && !planned(f) && (
                <Button type={f.overdue || daysFromToday(f.dueDate) <= 0 ? 'primary' : 'default'} size="small" onClick={() => onRecord(f.id)}>
                  {t('cases.followups.record')}
                </Button>
              )}
            </Flex>
          ))
        )}
      </Card>
      <Card size="small" title={t('cases.followups.records')}>
        <RecordList caseId={c.id} kind="followup" emptyText={<Typography.Text type="secondary">{t('cases.records.emptyFollowups')}</Typography.Text>} />
      </Card>
      {canAdd && <AddFollowupModal c={c} open={adding} onClose={() => setAdding(false)} />}
    </Flex>
  );
}
