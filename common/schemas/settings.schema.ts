import { z } from 'zod';

/** Colours a risk level can be shown in (antd preset tag colours), from urgent to calm. */
export const RISK_COLORS = ['red', 'volcano', 'orange', 'gold', 'green', 'cyan', 'blue', 'purple', 'default'] as const;

/** A risk level code: lower-case letters, digits and `_`, starting with a letter. */
export const riskLevelCode = z
  .string({ error: 'required' })
  .trim()
  .min(1, 'required')
  .max(20, 'too_long')
  .regex(/^[a-z][a-z0-9_]*$/, 'risk_level.code_format');

const label = (max: number) => z.string({ error: 'required' }).trim().min(1, 'required').max(max, 'too_long');

export const riskLevelInput = z
  .object({
    code: riskLevelCode,
    zh: label(20),
    en: label(40),
    contactDays: z.number({ error: 'required' }).int('invalid').min(1, 'risk_level.days_range').max(365, 'risk_level.days_range'),
    color: z.enum(RISK_COLORS, { error: 'invalid_option' }).default('default'),
    active: z.boolean().default(true),
  })
  .strict();

/**
 * The whole list of levels in the order they are shown (most urgent first). Levels missing from the
 * list are deleted, which only a level no case uses allows; `version` is the one the editor read.
 */
export const riskLevelsInput = z
  .object({
    version: z.string({ error: 'required' }),
    levels: z.array(riskLevelInput).min(1, 'risk_level.none_active').max(10, 'too_long'),
  })
  .strict()
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.levels.forEach((l, i) => {
      if (seen.has(l.code)) ctx.addIssue({ code: 'custom', path: ['levels', i, 'code'], message: 'risk_level.code_taken' });
      seen.add(l.code);
    });
    if (!v.levels.some((l) => l.active)) ctx.addIssue({ code: 'custom', path: ['levels'], message: 'risk_level.none_active' });
  });
export type RiskLevelsInput = z.input<typeof riskLevelsInput>;
export type RiskLevelsSave = z.output<typeof riskLevelsInput>;

export type RiskLevel = {
  code: string;
  zh: string;
  en: string;
  contactDays: number;
  color: (typeof RISK_COLORS)[number];
  active: boolean;
  /** Cases (open or closed) are at this level: it can be deactivated, not deleted. */
  inUse: boolean;
};
export type RiskLevels = { data: RiskLevel[]; version: string };
