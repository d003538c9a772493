import { z } from 'zod';
import { ORG_KINDS } from '../codes/org.codes';
import { isDivisionCode, isFondsCode, isValidCreditCode } from '../validators/credit-code.validator';
import { codeOf, text, uuid } from './common.schema';

const orgFields = {
  parentId: uuid.nullish(),
  kind: codeOf(ORG_KINDS),
  name: z.string({ error: 'required' }).trim().min(1, 'required').max(60, 'too_long'),
  code: z
    .string()
    .trim()
    .transform((v) => (v === '' ? null : v))
    .refine((v) => v === null || isDivisionCode(v, 6) || isDivisionCode(v, 12), 'division_code.invalid')
    .nullish(),
  creditCode: z
    .string()
    .trim()
    .transform((v) => (v === '' ? null : v.toUpperCase()))
    .refine((v) => v === null || isValidCreditCode(v), 'credit_code.invalid')
    .nullish(),
  /** 全宗号 of an agency or station that holds case archives (common/orgs.rules.ts). */
  fondsCode: z
    .string()
    .trim()
    .transform((v) => (v === '' ? null : v.toUpperCase()))
    .refine((v) => v === null || isFondsCode(v), 'fonds_code.invalid')
    .nullish(),
  address: text(200),
  phone: text(30),
  note: text(500),
  /** Communities served (agencies and stations only). */
  serves: z.array(uuid).max(500).optional(),
};

export const orgCreateInput = z
  .object({
    ...orgFields,
    /**
     * A new 社区/村: the station or agency that serves it. Left out, the street's station
     * (defaultServingUnit); null: none yet.
     */
    servedBy: uuid.nullish(),
  })
  .strict();
export type OrgCreateInput = z.infer<typeof orgCreateInput>;
export const orgUpdateInput = z
  .object(orgFields)
  .omit({ kind: true })
  .partial()
  .extend({ version: z.number().int().min(1).optional() })
  .strict();
export type OrgUpdateInput = z.infer<typeof orgUpdateInput>;

export type OrgUnit = {
  id: string;
  parentId: string | null;
  kind: string;
  name: string;
  code: string | null;
  creditCode: string | null;
  fondsCode: string | null;
  address: string | null;
  phone: string | null;
  note: string | null;
  serves: string[];
  /** A 社区/村's active social workers and supervisors (their posts cover it); null for other kinds. */
  coverage: { workers: number; supervisors: number } | null;
  version: number;
  archived: boolean;
};
