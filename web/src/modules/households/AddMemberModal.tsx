import { CheckCircleFilled, SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, Select, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RELATIONS_TO_HEAD, SEXES } from '../../../../common/codes/resident.codes';
import type { Household } from '../../../../common/schemas/households.schema';
import type { ResidentListItem } from '../../../../common/schemas/residents.schema';
import { api, type Page } from '../../lib/api';
import { errorMessage } from '../../lib/feedback';
import { codeLabel, codeOptions, fieldText } from '../../lib/i18n';
import { ErrorState } from '../../app/states';
import { useStoreHousehold, type HouseholdOne } from './households.api';

const PAGE_SIZE = 20;

/** The text typed, once the user has paused typing. */
function useDebounced(value: string, ms = 300) {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = window.setTimeout(() => setV(value), ms);
    return () => window.clearTimeout(id);
  }, [value, ms]);
  return v;
}

/**
 * 添加成员: finds a resident of the household's community and moves them in. A resident who lives
 * in another household is moved out of it, so the user is told before confirming.
 */
export function AddMemberModal({ household, open, onClose }: { household: Household; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const store = useStoreHousehold();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  const [picked, setPicked] = useState<ResidentListItem | null>(null);
  const [relation, setRelation] = useState<string | undefined>(undefined);
  const [relationError, setRelationError] = useState(false);
  const [pickError, setPickError] = useState(false);
  const [saving, setSaving] = useState(false);
  // A household without a head most likely gets its head first.
  const [wasOpen, setWasOpen] = useState(false);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open && !household.headResidentId) setRelation('head');
  }

  const search = useQuery({
    queryKey: ['residents', 'search', household.communityId, q],
    queryFn: () => api.get<Page<ResidentListItem>>('/api/residents', { communityId: household.communityId, q, pageSize: PAGE_SIZE }),
    enabled: open && q.length > 0,
    placeholderData: keepPreviousData,
  });

  const reset = () => {
    setText('');
    setPicked(null);
    setRelation(undefined);
    setRelationError(false);
    setPickError(false);
  };

  const close = () => {
    reset();
    onClose();
  };

  const submit = async () => {
    setPickError(!picked);
    setRelationError(!relation);
    if (!picked || !relation) return;
    setSaving(true);
    try {
      const res = await api.post<HouseholdOne>(`/api/households/${household.id}/members`, { residentId: picked.id, relationToHead: relation });
      store(res);
      void message.success(t('households.add.added', { name: picked.name }));
      close();
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  const movingFromOther = picked?.householdId && picked.householdId !== household.id;
  const results = q ? (search.data?.data ?? []) : [];
  const total = q ? (search.data?.total ?? 0) : 0;

  return (
    <Modal
      open={open}
      title={t('households.add.title')}
      okText={t('households.add.submit')}
      cancelText={t('app.action.cancel')}
      onOk={() => void submit()}
      onCancel={close}
      confirmLoading={saving}
      destroyOnHidden
      mask={{ closable: false }}
      width={600}
    >
      <Form layout="vertical" component="div">
        <Form.Item
          label={t('households.add.search')}
          extra={t('households.add.searchHint', { community: household.communityName })}
          validateStatus={pickError && !picked ? 'error' : undefined}
          help={pickError && !picked ? t('households.add.pickOne') : undefined}
        >
          <Input
            autoFocus
            allowClear
            prefix={<SearchOutlined />}
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={t('households.add.searchPlaceholder')}
            aria-label={t('households.add.search')}
            maxLength={50}
          />
        </Form.Item>
        <div style={{ maxHeight: 248, overflowY: 'auto', marginBottom: 12, border: '1px solid #f0f0f0', borderRadius: 6 }}>
          {search.error && q ? (
            <ErrorState error={search.error} onRetry={() => void search.refetch()} />
          ) : (
            <Spin spinning={search.isFetching}>
              {results.length === 0 ? (
                <Typography.Paragraph type="secondary" style={{ padding: 16, margin: 0, textAlign: 'center' }}>
                  {q ? (search.isPending ? '\u00a0' : t('households.add.noResult')) : t('households.add.typeToSearch')}
                </Typography.Paragraph>
              ) : (
                <ul role="listbox" aria-label={t('households.add.search')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
                  {results.map((r, i) => {
                    const inThis = r.householdId === household.id;
                    const selected = picked?.id === r.id;
                    const choose = () => {
                      if (inThis) return;
                      setPicked(r);
                      setPickError(false);
                    };
                    return (
                      <li
                        key={r.id}
                        role="option"
                        aria-selected={selected}
                        aria-disabled={inThis}
                        tabIndex={inThis ? -1 : 0}
                        onClick={choose}
                        onKeyDown={(e) => {
                          if (e.key === 'Enter' || e.key === ' ') {
                            e.preventDefault();
                            choose();
                          }
                        }}
                        style={{
                          display: 'flex',
                          alignItems: 'center',
                          justifyContent: 'space-between',
                          gap: 8,
                          padding: '8px 12px',
                          borderTop: i ? '1px solid #f0f0f0' : undefined,
                          cursor: inThis ? 'not-allowed' : 'pointer',
                          background: selected ? '#e6f4f1' : undefined,
                          opacity: inThis ? 0.55 : 1,
                        }}
                      >
                        <div style={{ minWidth: 0 }}>
                          <Space size={6} wrap>
                            {selected && <CheckCircleFilled style={{ color: '#0f766e' }} />}
                            <Typography.Text strong>{r.name}</Typography.Text>
                            <Typography.Text type="secondary">
                              {[codeLabel(SEXES, r.sex), r.age != null ? t('households.members.ageValue', { age: r.age }) : null].filter(Boolean).join(' · ')}
                            </Typography.Text>
                          </Space>
                          {r.idNumber && (
                            <div>
                              <Typography.Text type="secondary" className="masked" style={{ fontSize: 12 }}>
                                {t('households.add.idNumber')} {r.idNumber}
                              </Typography.Text>
                            </div>
                          )}
                        </div>
                        {inThis ? (
                          <Tag style={{ marginInlineEnd: 0 }}>{t('households.add.inThis')}</Tag>
                        ) : r.householdId ? (
                          <Tag color="orange" style={{ marginInlineEnd: 0 }}>{t('households.add.inOther')}</Tag>
                        ) : (
                          <Tag color="green" style={{ marginInlineEnd: 0 }}>{t('households.add.noHousehold')}</Tag>
                        )}
                      </li>
                    );
                  })}
                </ul>
              )}
            </Spin>
          )}
          {total > results.length && (
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, padding: '4px 12px', margin: 0 }}>
              {t('households.add.moreResults', { total, shown: results.length })}
            </Typography.Paragraph>
          )}
        </div>
        {movingFromOther && (
          <Alert
            type="warning"
            showIcon
            title={`${t('households.add.moveWarning', { name: picked.name })}${t('households.add.moveHeadWarning', { name: picked.name })}`}
            style={{ marginBottom: 12 }}
          />
        )}
        <Form.Item
          label={picked ? t('households.add.relationOf', { name: picked.name }) : t('households.add.relation')}
          required
          validateStatus={relationError && !relation ? 'error' : undefined}
          help={relationError && !relation ? t('households.add.relationRequired') : undefined}
          style={{ marginBottom: 0 }}
        >
          <Select
            value={relation}
            onChange={(v: string) => {
              setRelation(v);
              setRelationError(false);
            }}
            options={codeOptions(RELATIONS_TO_HEAD)}
            placeholder={fieldText('invalid_option')}
            aria-label={t('households.add.relation')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
