// Households built by an import (MZ/T 071 §5.1 户/家庭): rows sharing a 户编号 (or 户主证件号) form one
// household, the row whose 与户主关系 is 户主/本人 is its head. A household whose head or members are
// already registered is found again through them, so importing the same file twice builds it once.
import { householdsById } from '../households/households.import';
import type { Db } from '../../db/client';
import type { ImportError } from '../../../common/schemas/residents-import.schema';
import { issueAt, type ParsedRow, type SheetColumns } from './residents.import.rows';
import type { ResidentRow } from './residents.presenter';

type Member = {
  row: number;
  relation: string | null;
  communityId: string | null;
  /** The resident this row updates, and the household they are in today. */
  residentId: string | null;
  householdId: string | null;
  /** The row had no error when its check ended. */
  valid: boolean;
};

export type HouseholdAddress = { neighborhood: string | null; building: string | null; unit: string | null; room: string | null; addressDetail: string | null };

/** A household the import builds: an existing one it adds to, or a new one (`existingId` null). */
export type PlannedHousehold = {
  key: string;
  communityId: string;
  headRow: number;
  rows: number[];
  /** Rows of registered residents who are not in this household yet. */
  moving: number[];
  existingId: string | null;
  /** The head's address, for a new household. */
  address: HouseholdAddress;
};

const keyLabel = (key: string) => (key.startsWith('户主 ') ? `户主证件号为 ${key.slice(3, 9)}… 的家庭` : `户编号“${key.slice(0, 20)}”的家庭`);

/** The rows of each household key, gathered as the check goes through the file. */
export class HouseholdGroups {
  private readonly groups = new Map<string, Member[]>();
  private readonly addresses = new Map<number, HouseholdAddress>();

  /** Notes a checked row that names a household; `existing` is the resident it updates, if any. */
  add(p: ParsedRow, existing: ResidentRow | undefined, valid: boolean) {
    if (!p.household) return;
    const list = this.groups.get(p.household.key) ?? [];
    list.push({
      row: p.row, relation: p.household.relation, communityId: p.communityId, residentId: existing?.id ?? null, householdId: existing?.householdId ?? null, valid,
    });
    this.groups.set(p.household.key, list);
    if (p.household.relation === 'head' && p.input) {
      const i = p.input;
      this.addresses.set(p.row, {
        neighborhood: i.neighborhood ?? null, building: i.building ?? null, unit: i.unit ?? null, room: i.room ?? null, addressDetail: i.addressDetail ?? null,
      });
    }
  }

  /**
   * The household rules, once every row is checked: one head per household, every member in the
   * head's community, and a head row without errors (else the others wait for it). Returns the
   * errors found and the households to build from the groups that pass.
   */
  async finish({ db, columns, errorRows }: { db: Db; columns: SheetColumns; errorRows: Set<number> }): Promise<{ errors: ImportError[]; planned: PlannedHousehold[] }> {
    const errors: ImportError[] = [];
    const on = (row: number, field: string, code: string, message: string) => errors.push(issueAt(columns, row, field, code, message));
    const groups: { key: string; head: Member; members: Member[] }[] = [];
    for (const [key, members] of this.groups) {
      const heads = members.filter((m) => m.relation === 'head');
      if (heads.length === 0) {
        for (const m of members) on(m.row, 'relationToHead', 'import.household_no_head', `${keyLabel(key)}没有户主：请在户主本人那一行的“与户主关系”填写“户主”或“本人”。`);
        continue;
      }
      if (heads.length > 1) {
        const rows = heads.map((h) => h.row).join('、');
        for (const h of heads) on(h.row, 'relationToHead', 'import.household_two_heads', `${keyLabel(key)}有 ${heads.length} 位户主（第 ${rows} 行），每户只能有一位户主。`);
        continue;
      }
      const head = heads[0];
      if (!head.valid || errorRows.has(head.row)) {
        for (const m of members) {
          if (m !== head && m.valid) on(m.row, 'relationToHead', 'import.household_head_invalid', `户主所在的第 ${head.row} 行有错误，本户其他成员暂不导入；改正户主那一行后再导入。`);
        }
        continue;
      }
      const together: Member[] = [];
      for (const m of members) {
        if (m.communityId !== head.communityId) {
          on(m.row, 'communityId', 'import.household_other_community', `与户主（第 ${head.row} 行）不在同一社区，同一户的成员须在同一社区。`);
        } else if (m.valid) together.push(m);
      }
      groups.push({ key, head, members: together });
    }

    // An existing household is kept when it is in the same community and still open.
    const candidates = groups.map((g) => existingHousehold(g.head, g.members)).filter((x): x is string => !!x);
    const known = await householdsById({ db, ids: candidates });
    const planned = groups.map(({ key, head, members }) => {
      const id = existingHousehold(head, members);
      const h = id ? known.get(id) : undefined;
      const existingId = h && h.communityId === head.communityId && !h.archivedAt ? id : null;
      return {
        key, communityId: head.communityId!, headRow: head.row, rows: members.map((m) => m.row), existingId, address: this.addresses.get(head.row)!,
        moving: members.filter((m) => m.residentId && (!existingId || m.householdId !== existingId)).map((m) => m.row),
      };
    });
    return { errors, planned };
  }
}

/** The household a group already is: the head's, else the one every registered member shares. */
function existingHousehold(head: Member, members: Member[]): string | null {
  if (head.householdId) return head.householdId;
  const ids = new Set(members.filter((m) => m.residentId).map((m) => m.householdId));
  return ids.size === 1 ? ([...ids][0] ?? null) : null;
}
