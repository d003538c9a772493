import type { Ecomap, EcomapTie } from '../../../common/schemas/networks.schema';
import type { caseEcomaps } from './networks.table';

export type EcomapRow = typeof caseEcomaps.$inferSelect;

/** A snapshot with its ties as stored (validated by `ecomapTie` on the way in). */
export function presentEcomap(r: EcomapRow, createdByName: string | null): Ecomap {
  return {
    id: r.id,
    caseId: r.caseId,
    takenOn: r.takenOn,
    note: r.note,
    ties: (Array.isArray(r.ties) ? r.ties : []) as EcomapTie[],
    createdAt: r.createdAt.toISOString(),
    createdByName,
  };
}
