import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Drawer, Form, Grid, Input, Select, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COMMUNITY_KINDS, ORG_KINDS, ORG_PARENTS, SERVING_KINDS, type OrgKind } from '../../../../common/codes/org.codes';
import { defaultServingUnit, divisionCodeIssue } from '../../../../common/orgs.rules';
import { orgCreateInput, orgUpdateInput, type OrgUnit } from '../../../../common/schemas/orgs.schema';
import { api, ApiError } from '../../lib/api';
import { errorMessage } from '../../lib/feedback';
import { cleanValues, validateWith, zodRule } from '../../lib/forms';
import { codeLabel, fieldText } from '../../lib/i18n';
import { useFormSubmit, validatedValues } from '../../lib/submit';
import { uncovered, useCoverageHint } from './OrgCoverage';
import { communitiesByStreet, ORGS_KEY } from './orgs.data';
import { SaveCancel } from '../../components/SaveCancel';

export type OrgFormTarget = { mode: 'create'; parent: OrgUnit | null; kind?: OrgKind } | { mode: 'edit'; unit: OrgUnit };

type Values = {
  kind?: OrgKind;
  name?: string;
  code?: string;
  creditCode?: string;
  fondsCode?: string;
  servedBy?: string;
  address?: string;
  phone?: string;
  note?: string;
  serves?: string[];
};

/** Kinds that may be created under `parent` (null: top level), as ORG_PARENTS allows. */
export function childKinds(parent: Pick<OrgUnit, 'kind'> | null): OrgKind[] {
  return ORG_KINDS.map((k) => k.code).filter((k) => ORG_PARENTS[k].includes((parent?.kind ?? null) as OrgKind | null));
}

const ADMIN_KINDS: readonly OrgKind[] = ['district', 'street', 'community', 'village'];
const divisionLength = (k: OrgKind | undefined) => (k === 'district' ? 6 : 12);
/** 统计用区划代码: 6 digits of the district, 3 of the street, 3 of the community. */
const expectedPrefix = (kind: OrgKind | undefined, parent: OrgUnit | null): string | null => {
  if (!kind || !parent?.code || !ADMIN_KINDS.includes(kind)) return null;
  if (kind === 'street' && parent.kind === 'district') return parent.code.slice(0, 6);
  if ((kind === 'community' || kind === 'village') && parent.kind === 'street') return parent.code.slice(0, 9);
  return null;
};

/** The form to create or edit one organisation unit, in a drawer. */
export function OrgFormDrawer({
  target,
  units,
  onClose,
  onSaved,
}: {
  target: OrgFormTarget | null;
  units: OrgUnit[];
  onClose: () => void;
  onSaved: (unit: OrgUnit) => void;
}) {
  const { t } = useTranslation();
  const { notification } = App.useApp();
  const coverageHint = useCoverageHint();
  const qc = useQueryClient();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<Values>();
  const { submit, busy } = useFormSubmit(form);
  const [conflict, setConflict] = useState(false);
  const byId = useMemo(() => new Map(units.map((u) => [u.id, u])), [units]);

  const editing = target?.mode === 'edit' ? target.unit : null;
  const parent = target?.mode === 'create' ? target.parent : editing?.parentId ? (byId.get(editing.parentId) ?? null) : null;
  const kinds = target?.mode === 'create' ? childKinds(target.parent) : [];
  const watchedKind = Form.useWatch('kind', form);
  const kind: OrgKind | undefined = editing ? (editing.kind as OrgKind) : watchedKind;
  const serving = !!kind && SERVING_KINDS.includes(kind);
  const administrative = !!kind && ADMIN_KINDS.includes(kind);
  const community = !!kind && COMMUNITY_KINDS.includes(kind);
  const prefix = expectedPrefix(kind, parent);

  // Read, not depended on: a background refetch of the tree must not reset a form being filled in.
  const unitsRef = useRef(units);
  unitsRef.current = units;

  useEffect(() => {
    if (!target) return;
    const units = unitsRef.current;
    setConflict(false);
    form.resetFields();
    if (target.mode === 'edit') {
      const u = target.unit;
      form.setFieldsValue({
        name: u.name, code: u.code ?? undefined, creditCode: u.creditCode ?? undefined, address: u.address ?? undefined,
        phone: u.phone ?? undefined, note: u.note ?? undefined, serves: u.serves, fondsCode: u.fondsCode ?? undefined,
      });
    } else {
      const k = target.kind ?? childKinds(target.parent)[0];
      // A station set up under a street usually serves that street's communities.
      const serves = k === 'station' && target.parent?.kind === 'street'
        ? units.filter((u) => u.parentId === target.parent!.id && !u.archived && (u.kind === 'community' || u.kind === 'village')).map((u) => u.id)
        : [];
      // A new 社区/村 is served by the street's station unless the administrator picks another.
      const servedBy = defaultServingUnit(target.parent?.id ?? null, units)?.id;
      form.setFieldsValue({ kind: k, serves, servedBy });
    }
  }, [target, form]);

  const serveOptions = useMemo(() => {
    const keep = new Set(editing?.serves ?? []);
    return communitiesByStreet(units, true)
      .map((g) => ({
        label: g.street?.name ?? t('orgs.root'),
        title: g.street?.name ?? '',
        options: g.items
          .filter((u) => !u.archived || keep.has(u.id))
          .map((u) => ({ value: u.id, label: u.archived ? t('orgs.archivedName', { name: u.name }) : u.name })),
      }))
      .filter((g) => g.options.length);
  }, [units, editing, t]);

  const servingOptions = useMemo(
    () =>
      (['station', 'agency'] as const)
        .map((k) => ({
          label: codeLabel(ORG_KINDS, k),
          title: codeLabel(ORG_KINDS, k),
          options: units.filter((u) => u.kind === k && !u.archived).map((u) => ({ value: u.id, label: u.name })),
        }))
        .filter((g) => g.options.length),
    [units],
  );

  const codeRules: Rule[] = [
    {
      // One message per problem, the rules of common/orgs.rules.ts (the server's).
      validator: async (_r, v?: string) => {
        const issue = kind ? divisionCodeIssue(kind, v?.trim() || null) : null;
        if (issue) throw new Error(fieldText(issue));
      },
    },
    ...(prefix
      ? [{ warningOnly: true, validator: async (_r: unknown, v?: string) => {
          if (v && v.trim().length === divisionLength(kind) && !v.trim().startsWith(prefix)) throw new Error(t('orgs.rule.prefix', { prefix }));
        } }]
      : []),
  ];

  const save = async () => {
    const v = await validatedValues(form);
    if (!v) return;
    const fields = {
      name: v.name,
      ...(administrative ? { code: v.code ?? '' } : {}),
      ...(serving ? { creditCode: v.creditCode ?? '', fondsCode: v.fondsCode ?? '', serves: v.serves ?? [] } : {}),
      address: v.address ?? '',
      phone: v.phone ?? '',
      note: v.note ?? '',
    };
    const input = editing
      ? // Empty fields are sent as '' so that clearing a value clears it on the server.
        validateWith(form, orgUpdateInput, { ...fields, version: editing.version })
      : validateWith(form, orgCreateInput, cleanValues({ ...fields, kind: v.kind, parentId: parent?.id ?? null, ...(community ? { servedBy: v.servedBy ?? null } : {}) }));
    if (!input) return;
    await submit(async () => (editing ? await api.patch<{ data: OrgUnit }>(`/api/orgs/${editing.id}`, input) : await api.post<{ data: OrgUnit }>('/api/orgs', input)).data, {
      success: editing ? t('app.state.saved') : t('orgs.created'),
      onSaved: async (saved) => {
        await qc.invalidateQueries({ queryKey: ORGS_KEY });
        void qc.invalidateQueries({ queryKey: ['users'] });
        onSaved(saved);
        // A community nobody covers is not live yet: say so now, not when someone looks for it.
        if (!editing && uncovered(saved)) notification.warning({ title: t('orgs.coverage.created', { name: saved.name }), description: coverageHint, duration: 0 });
      },
      onConflict: () => {
        setConflict(true);
        void qc.invalidateQueries({ queryKey: ORGS_KEY });
      },
    });
  };

  const title = editing
    ? t('orgs.editTitle', { name: editing.name })
    : t('orgs.createTitle', { kind: codeLabel(ORG_KINDS, kind) });

  return (
    <Drawer
      open={!!target}
      onClose={onClose}
      title={title}
      size={screens.md ? 520 : '100%'}
      destroyOnHidden
      footer={<SaveCancel onCancel={onClose} onSave={() => void save()} busy={busy} />}
    >
      {conflict && <Alert type="warning" showIcon title={errorMessage(new ApiError(409, 'version_conflict', ''))} style={{ marginBottom: 16 }} />}
      <Typography.Paragraph type="secondary">{t('orgs.createUnder', { name: parent?.name ?? t('orgs.root') })}</Typography.Paragraph>
      <Form form={form} layout="vertical" requiredMark="optional" onFinish={() => void save()}>
        {editing ? (
          <Form.Item label={t('orgs.field.kind')} required>
            <Typography.Text>{codeLabel(ORG_KINDS, editing.kind)}</Typography.Text>
          </Form.Item>
        ) : (
          <Form.Item name="kind" label={t('orgs.field.kind')} required rules={[zodRule(orgCreateInput, 'kind')]}>
            <Select options={kinds.map((k) => ({ value: k, label: codeLabel(ORG_KINDS, k) }))} disabled={kinds.length === 1} />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('orgs.field.name')} required rules={[zodRule(orgCreateInput, 'name')]} extra={t('orgs.hint.name')}>
          <Input maxLength={60} autoFocus />
        </Form.Item>
        {administrative && (
          <Form.Item
            name="code"
            label={t(kind === 'district' ? 'orgs.field.districtCode' : 'orgs.field.divisionCode')}
            extra={t(kind === 'district' ? 'orgs.hint.districtCode' : community ? 'orgs.hint.communityCode' : 'orgs.hint.divisionCode')}
            required={community}
            rules={codeRules}
            dependencies={['kind']}
          >
            <Input inputMode="numeric" maxLength={divisionLength(kind)} className="masked" placeholder={prefix ? `${prefix}…` : undefined} />
          </Form.Item>
        )}
        {community && !editing && (
          <Form.Item name="servedBy" label={t('orgs.field.servedByNew')} extra={t('orgs.hint.servedBy')}>
            <Select options={servingOptions} allowClear placeholder={t('orgs.servedByNone')} showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
        )}
        {serving && (
          <Form.Item name="creditCode" label={t('orgs.field.creditCode')} extra={t('orgs.hint.creditCode')} rules={[zodRule(orgCreateInput, 'creditCode')]}>
            <Input maxLength={18} className="masked" style={{ textTransform: 'uppercase' }} />
          </Form.Item>
        )}
        {serving && (
          <Form.Item name="fondsCode" label={t('orgs.field.fondsCode')} extra={t('orgs.hint.fondsCode')} rules={[zodRule(orgCreateInput, 'fondsCode')]}>
            <Input maxLength={4} className="masked" style={{ textTransform: 'uppercase', width: 120 }} />
          </Form.Item>
        )}
        <Form.Item name="address" label={t('orgs.field.address')} rules={[zodRule(orgCreateInput, 'address')]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="phone" label={t('orgs.field.phone')} rules={[zodRule(orgCreateInput, 'phone')]}>
          <Input maxLength={30} inputMode="tel" />
        </Form.Item>
        {serving && (
          <Form.Item name="serves" label={t('orgs.field.serves')} extra={t('orgs.hint.serves')}>
            <Select mode="multiple" options={serveOptions} showSearch={{ optionFilterProp: 'label' }} allowClear placeholder={t('orgs.field.serves')} />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('orgs.field.note')} rules={[zodRule(orgCreateInput, 'note')]}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
        <button type="submit" hidden />
      </Form>
    </Drawer>
  );
}
