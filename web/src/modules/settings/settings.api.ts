import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { theme } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { RISK_COLORS, RiskLevel, RiskLevels, RiskLevelsInput } from '../../../../common/schemas/settings.schema';
import { api } from '../../lib/api';
import { invalidateCases } from '../cases/cases.api';

export type RiskColor = (typeof RISK_COLORS)[number];

export const settingsKeys = {
  all: ['settings'] as const,
  riskLevels: ['settings', 'risk-levels'] as const,
};

/** The bar colour of an antd preset tag colour: the palette's main shade, grey for `default`. */
let palette: Record<string, string> | undefined;
function riskHex(color: RiskColor | undefined): string {
  palette ??= theme.getDesignToken() as unknown as Record<string, string>;
  return color && color !== 'default' ? (palette[color] ?? '#64748b') : '#64748b';
}

/**
 * The deployment's risk levels (系统设置 → 风险等级), most urgent first, with what pages need of them:
 * `options` for choosing (active levels only), `allOptions` for filtering (inactive ones too, since
 * cases keep them), and `label`/`color`/`contactDays` for any code a case carries. Until the list has
 * loaded, labels fall back to the code and `options` are empty.
 */
export function useRiskLevels() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const query = useQuery({
    queryKey: settingsKeys.riskLevels,
    queryFn: () => api.get<RiskLevels>('/api/settings/risk-levels'),
    staleTime: 5 * 60_000,
  });
  const data = query.data;
  const helpers = useMemo(() => {
    const levels: RiskLevel[] = data?.data ?? [];
    const byCode = new Map(levels.map((l) => [l.code, l]));
    const active = levels.filter((l) => l.active);
    const option = (l: RiskLevel) => ({ value: l.code, label: l[lang] });
    // A deactivated level is still a case's level: named as such wherever it can be picked.
    const anyOption = (l: RiskLevel) => ({ value: l.code, label: l.active ? l[lang] : t('cases.list.inactiveRisk', { label: l[lang] }) });
    return {
      levels,
      version: data?.version,
      /** Active levels in order, for a new or edited case. */
      options: active.map(option),
      /** Every level in order, deactivated ones marked （已停用）: for filters. */
      allOptions: levels.map(anyOption),
      /** The levels offered for a case that has `current`: the active ones, and its own if deactivated. */
      optionsFor: (current: string | null | undefined) => levels.filter((l) => l.active || l.code === current).map(anyOption),
      /** The calmest level still offered: what an intake starts with (the server's default too). */
      calmest: active.at(-1)?.code,
      label: (code: string | null | undefined) => (code ? (byCode.get(code)?.[lang] ?? code) : ''),
      color: (code: string | null | undefined): RiskColor => (code && byCode.get(code)?.color) || 'default',
      hex: (code: string | null | undefined) => riskHex(code ? byCode.get(code)?.color : undefined),
      contactDays: (code: string | null | undefined) => (code ? byCode.get(code)?.contactDays : undefined),
    };
  }, [data, lang, t]);
  return { ...helpers, query };
}
export type RiskLevelsView = ReturnType<typeof useRiskLevels>;

/**
 * Saves the whole list (PUT, with the version it was read at). The answer is the new list; cases
 * are refetched because their contact deadlines (超期未联系) follow the levels' days.
 */
export function useSaveRiskLevels() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: RiskLevelsInput) => api.put<RiskLevels>('/api/settings/risk-levels', input),
    onSuccess: (res) => {
      qc.setQueryData(settingsKeys.riskLevels, res);
      invalidateCases(qc);
    },
  });
}
