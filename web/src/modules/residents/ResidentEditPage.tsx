import { ArrowLeftOutlined, CheckCircleOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Form, Grid, Result, Space, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useBlocker, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import type { Resident } from '../../../../common/schemas/residents.schema';
import { checkResidentFields, residentCreateInput, residentUpdateInput } from '../../../../common/schemas/residents.schema';
import { CHECKED_ID_TYPES, parseIdDocument } from '../../../../common/validators/id-number.validator';
import { useMe } from '../../app/auth';
import { ErrorState, isNotFound, Loading, RecordNotFound } from '../../app/states';
import { api, ApiError } from '../../lib/api';
import { cleanValues, validateWith } from '../../lib/forms';
import { useFormSubmit } from '../../lib/submit';
import { ResidentDuplicateAlerts, type TakenId } from './ResidentDuplicateAlerts';
import { ResidentFormSections } from './ResidentFormSections';
import type { RevealField } from './ResidentRevealValue';
import type { TagRow } from './ResidentTagEditor';
import { residentKeys, useResident, type CreateWarning, type DuplicateCheck, type ResidentOne } from './residents.api';
import { FIELD_ORDER, today } from './residents.format';

const IDENTIFIERS: RevealField[] = ['idNumber', 'phone', 'guardianPhone', 'emergencyPhone'];
const EDITABLE = FIELD_ORDER.filter((f) => f !== 'archived');

// PATCH checks the same cross-field rules as POST (性别/出生日期与身份证号一致, 残疾等级需类别).
const updateChecked = residentUpdateInput.superRefine((v, ctx) => checkResidentFields(v, ctx));

type Values = Record<string, unknown> & { tags?: TagRow[] };

/** The form's starting values: the resident's, with identifiers left empty (they arrive masked). */
function initialValuesOf(r: Resident | undefined, preset: { communityId?: string; householdId?: string }): Values {
  if (!r) {
    return {
      idType: 'resident_id_card',
      ethnicity: '01',
      consentDate: today(),
      communityId: preset.communityId,
      householdId: preset.householdId,
      tags: [],
    };
  }
  const v: Values = {};
  for (const f of EDITABLE) v[f] = (r as unknown as Record<string, unknown>)[f] ?? undefined;
  for (const f of IDENTIFIERS) v[f] = '';
  v.tags = r.tags.map((x) => ({ tag: x.tag, startDate: x.startDate, endDate: x.endDate, note: x.note }));
  return v;
}

const norm = (v: unknown): unknown => {
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  return v === undefined ? null : v;
};
const normTags = (tags: TagRow[] | undefined) =>
  (tags ?? []).filter((x) => x?.tag).map((x) => ({ tag: x.tag!, startDate: x.startDate ?? null, endDate: x.endDate ?? null, note: (x.note ?? '').trim() || null }));

function ResidentForm({ resident, onReload }: { resident?: Resident; onReload: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const me = useMe();
  const nav = useNavigate();
  const location = useLocation();
  const [sp] = useSearchParams();
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const screens = Grid.useBreakpoint();
  const mobile = screens.sm === false;
  const [form] = Form.useForm<Values>();
  const editing = !!resident;

  const initialValues = useMemo(() => {
    const communityId = sp.get('communityId') ?? (me.communities.length === 1 ? me.communities[0].id : undefined);
    return initialValuesOf(resident, {
      communityId: me.communities.some((c) => c.id === communityId) ? communityId : undefined,
      householdId: sp.get('householdId') ?? undefined,
    });
    // The form is keyed by the resident's version; URL presets only matter on the first render.
  }, [resident, me.communities]);

  const [idState, setIdState] = useState<{ autoFilled: boolean; converted: string | null; length: number }>({ autoFilled: false, converted: null, length: 0 });
  const [cleared, setCleared] = useState<Set<RevealField>>(new Set());
  const [taken, setTaken] = useState<TakenId | null>(null);
  const [namesakes, setNamesakes] = useState<DuplicateCheck['sameNameBirth']>([]);
  const [conflict, setConflict] = useState(false);
  const { submit, busy } = useFormSubmit(form);
  const dirty = useRef(false);
  const leaving = useRef(false);
  const lastCheck = useRef('');

  // Unsaved changes: ask before leaving the page (in the app, and on reload/close).
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty.current && !leaving.current && currentLocation.pathname !== nextLocation.pathname);
  const blockerRef = useRef(blocker);
  blockerRef.current = blocker;
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    modal.confirm({
      title: t('residents.edit.leaveTitle'),
      content: t('residents.edit.leaveText'),
      okText: t('residents.edit.leaveOk'),
      cancelText: t('residents.edit.leaveCancel'),
      okButtonProps: { danger: true },
      onOk: () => blockerRef.current.proceed?.(),
      onCancel: () => blockerRef.current.reset?.(),
    });
    // Once per blocked navigation, not on every render while it waits.
  }, [blocker.state, modal, t]);
  useEffect(() => {
    const h = (e: BeforeUnloadEvent) => {
      if (dirty.current && !leaving.current) e.preventDefault();
    };
    window.addEventListener('beforeunload', h);
    return () => window.removeEventListener('beforeunload', h);
  }, []);

  /** As a valid 身份证号 is typed, birth date and sex follow from it. */
  const onValuesChange = (changed: Values, all: Values) => {
    dirty.current = true;
    if ('communityId' in changed) form.setFieldsValue({ householdId: null, relationToHead: null });
    if ('householdId' in changed && !changed.householdId) form.setFieldValue('relationToHead', null);
    if ('disabilityType' in changed && !changed.disabilityType) form.setFieldValue('disabilityGrade', null);
    if ('idNumber' in changed || 'idType' in changed) {
      const raw = String(all.idNumber ?? '').trim();
      if (changed.idNumber !== undefined) setTaken(null);
      const p = raw ? parseIdDocument(String(all.idType ?? 'resident_id_card'), raw) : null;
      const filled = p?.ok && p.birthDate && p.sex ? p : null;
      if (filled) {
        form.setFieldsValue({ birthDate: filled.birthDate, sex: filled.sex });
        form.setFields([{ name: 'birthDate', errors: [] }, { name: 'sex', errors: [] }]);
      }
      setIdState({ autoFilled: !!filled, converted: p?.ok && p.converted ? p.idNumber : null, length: raw.length });
    }
  };

  const checkDuplicates = useCallback(async () => {
    const name = String(form.getFieldValue('name') ?? '').trim();
    const raw = String(form.getFieldValue('idNumber') ?? '').trim();
    const birthDate = (form.getFieldValue('birthDate') as string | null) || undefined;
    const parsed = raw ? parseIdDocument(String(form.getFieldValue('idType') ?? 'resident_id_card'), raw) : null;
    const idNumber = parsed?.ok ? parsed.idNumber : undefined;
    const key = JSON.stringify([name, idNumber, birthDate]);
    if (key === lastCheck.current) return;
    lastCheck.current = key;
    if (!name && !idNumber) {
      setTaken(null);
      setNamesakes([]);
      return;
    }
    try {
      const { data } = await api.post<{ data: DuplicateCheck }>('/api/residents/check-duplicates', {
        name: name || undefined, idNumber, birthDate, exceptId: resident?.id,
      });
      setTaken(data.idNumberTaken);
      setNamesakes(data.sameNameBirth);
    } catch {
      // A pre-check only: saving checks again and says what is wrong.
    }
  }, [form, resident?.id]);

  const toggleClear = (f: RevealField) => {
    dirty.current = true;
    setCleared((s) => {
      const n = new Set(s);
      if (n.has(f)) n.delete(f);
      else n.add(f);
      return n;
    });
    form.setFieldValue(f, '');
  };

  const done = (path: string, state?: unknown) => {
    leaving.current = true;
    void qc.invalidateQueries({ queryKey: residentKeys.all });
    void qc.invalidateQueries({ queryKey: ['households'] });
    const fromDetail = (location.state as { fromDetail?: boolean } | null)?.fromDetail;
    if (editing && fromDetail) nav(-1);
    else nav(path, { replace: true, state });
  };

  const failure = {
    onConflict: () => {
      setConflict(true);
      window.scrollTo({ top: 0, behavior: 'smooth' });
    },
    onError: (e: unknown) => {
      if (e instanceof ApiError && e.code === 'residents.duplicate_id_number' && Array.isArray(e.details)) {
        const d = e.details[0] as { residentId?: string; name?: string } | undefined;
        setTaken({ residentId: d?.residentId, name: d?.name });
      }
    },
  };

  const save = async () => {
    const values = form.getFieldsValue(true) as Values;
    const tags = normTags(values.tags);
    const body = cleanValues({ ...values, tags }) as Record<string, unknown>;
    for (const f of IDENTIFIERS) if (typeof body[f] === 'string' && !(body[f] as string).trim()) delete body[f];
    if (!resident) {
      const input = validateWith(form, residentCreateInput, body);
      if (!input) return;
      await submit(
        async () => {
          const res = await api.post<ResidentOne & { warnings: CreateWarning[] }>('/api/residents', input);
          qc.setQueryData(residentKeys.one(res.data.id), { data: res.data, abilities: res.abilities });
          return res;
        },
        {
          ...failure,
          success: (res) => t('residents.edit.created', { name: res.data.name }),
          onSaved: (res) => done(`/residents/${res.data.id}`, res.warnings.length ? { warnings: res.warnings } : undefined),
        },
      );
      return;
    }
    const parsed = validateWith(form, updateChecked, body);
    if (!parsed) return;
    // Only what changed, so a save never overwrites fields the user did not touch.
    const patch: Record<string, unknown> = {};
    for (const f of EDITABLE) {
      if (f === 'tags') continue;
      if (IDENTIFIERS.includes(f as RevealField)) {
        if (cleared.has(f as RevealField)) patch[f] = null;
        else if (f in body) patch[f] = (parsed as Record<string, unknown>)[f];
        continue;
      }
      if (JSON.stringify(norm(values[f])) !== JSON.stringify(norm(initialValues[f]))) patch[f] = (parsed as Record<string, unknown>)[f] ?? null;
    }
    if (JSON.stringify(tags) !== JSON.stringify(normTags(initialValues.tags))) patch.tags = tags;
    if (!Object.keys(patch).length) {
      void message.info(t('residents.edit.noChanges'));
      return;
    }
    await submit(
      async () => {
        const res = await api.patch<ResidentOne>(`/api/residents/${resident.id}`, { ...patch, version: resident.version });
        qc.setQueryData(residentKeys.one(resident.id), res);
      },
      { ...failure, success: t('residents.edit.saved'), onSaved: () => done(`/residents/${resident.id}`) },
    );
  };

  const cancel = () => {
    if ((window.history.state as { idx?: number } | null)?.idx) nav(-1);
    else nav(resident ? `/residents/${resident.id}` : '/residents');
  };

  const idHint = idState.autoFilled ? (
    <Typography.Text type="success">
      <CheckCircleOutlined /> {t('residents.edit.autoFilled')}
      {idState.converted && <><br />{t('residents.edit.converted', { id: idState.converted })}</>}
    </Typography.Text>
  ) : idState.length > 0 && idState.length < 18 && (CHECKED_ID_TYPES as readonly string[]).includes(form.getFieldValue('idType')) ? (
    t('residents.edit.idDigits', { count: idState.length })
  ) : null;

  return (
    <div>
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={cancel} style={{ paddingInline: 0, marginBottom: 4 }}>
        {t('app.action.back')}
      </Button>
      <div className="page-title">
        <Typography.Title level={4}>{resident ? t('residents.edit.editTitle', { name: resident.name }) : t('residents.edit.createTitle')}</Typography.Title>
      </div>
      {conflict && resident && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('residents.edit.conflictTitle')}
          description={
            <div>
              <div style={{ marginBottom: 8 }}>{t('residents.edit.conflictText')}</div>
              <Space wrap>
                <Link to={`/residents/${resident.id}`} target="_blank" rel="noopener">
                  <Button>{t('residents.edit.conflictView')}</Button>
                </Link>
                <Button
                  danger
                  onClick={() =>
                    void onReload().then(() => {
                      dirty.current = false;
                      void message.success(t('residents.edit.reloaded'));
                    })
                  }
                >
                  {t('residents.edit.conflictReload')}
                </Button>
              </Space>
            </div>
          }
        />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onValuesChange={onValuesChange}
        onFinish={() => void save()}
        // Enter in a field must not save a half-filled form: saving is the button's job.
        onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLElement).tagName === 'INPUT' && e.preventDefault()}
        scrollToFirstError={{ block: 'center' }}
        requiredMark
      >
        <Flex vertical gap={12}>
          <ResidentFormSections
            form={form}
            resident={resident}
            mobile={mobile}
            idHint={idHint}
            cleared={cleared}
            toggleClear={toggleClear}
            onIdentityBlur={() => void checkDuplicates()}
            duplicates={<ResidentDuplicateAlerts taken={taken} namesakes={namesakes} />}
          />
        </Flex>
        <div style={{ position: 'sticky', bottom: 0, zIndex: 5, marginTop: 12, padding: '10px 16px', background: '#fff', borderTop: '1px solid #eef0f2', boxShadow: '0 -4px 12px rgba(15, 23, 42, 0.04)', borderRadius: 6 }}>
          <Space>
            <Button type="primary" htmlType="submit" loading={busy}>
              {busy ? t('residents.edit.saving') : t('residents.edit.save')}
            </Button>
            <Button onClick={cancel}>{t('residents.edit.cancel')}</Button>
          </Space>
        </div>
      </Form>
    </div>
  );
}

/** 登记居民 (/residents/new) and 编辑居民档案 (/residents/:id/edit): one form. */
export default function ResidentEditPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const q = useResident(id);
  if (!id) return <ResidentForm onReload={async () => undefined} />;
  if (q.isPending) return <Loading />;
  if (q.error) {
    if (isNotFound(q.error)) {
      return <RecordNotFound title={t('residents.detail.notFoundTitle')} hint={t('residents.detail.notFoundHint')} backTo="/residents" backLabel={t('residents.detail.back')} />;
    }
    return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  }
  const { data, abilities } = q.data;
  if (!abilities.update) {
    return (
      <Result
        status="warning"
        title={data.archivedAt ? t('residents.edit.archivedNoEdit') : t('app.state.noPermission')}
        extra={<Link to={`/residents/${data.id}`}><Button>{t('residents.detail.back')}</Button></Link>}
      />
    );
  }
  // A new version (after "load the latest") starts the form afresh.
  return <ResidentForm key={`${data.id}-${data.version}`} resident={data} onReload={() => q.refetch()} />;
}
