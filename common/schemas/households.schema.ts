import { z } from 'zod';
import { HOUSEHOLD_TYPES, RELATIONS_TO_HEAD } from '../codes/resident.codes';
import { codeOf, pageQuery, text, uuid } from './common.schema';

const householdFields = {
  communityId: uuid,
  neighborhood: text(60),
  building: text(20),
  unit: text(20),
  room: text(20),
  addressDetail: text(200),
  type: codeOf(HOUSEHOLD_TYPES),
  headResidentId: uuid.nullish(),
  note: text(1000),
};

export const memberInput = z.object({ residentId: uuid, relationToHead: codeOf(RELATIONS_TO_HEAD) }).strict();

export const householdCreateInput = z
  .object({ ...householdFields, type: householdFields.type.default('ordinary'), members: z.array(memberInput).max(30).optional() })
  .strict();
export type HouseholdCreateInput = z.infer<typeof householdCreateInput>;

export const householdUpdateInput = z
  .object(householdFields)
  .omit({ communityId: true })
  .partial()
  .extend({ version: z.number().int().min(1).optional() })
  .strict();
export type HouseholdUpdateInput = z.infer<typeof householdUpdateInput>;

export const householdListQuery = pageQuery
  .extend({
    q: z.string().trim().max(50, 'too_long').optional(),
    communityId: uuid.optional(),
    type: codeOf(HOUSEHOLD_TYPES).optional(),
  })
  .strict();
export type HouseholdListQuery = z.infer<typeof householdListQuery>;

export type HouseholdMember = {
  residentId: string;
  name: string;
  sex: 'male' | 'female';
  age: number | null;
  relationToHead: string | null;
  isHead: boolean;
  tags: string[];
};

export type Household = {
  id: string;
  communityId: string;
  communityName: string;
  neighborhood: string | null;
  building: string | null;
  unit: string | null;
  room: string | null;
  addressDetail: string | null;
  address: string;
  type: string;
  headResidentId: string | null;
  headName: string | null;
  memberCount: number;
  members?: HouseholdMember[];
  note: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
};

/** 按地址生成家庭: the caller's residents without a household, grouped by address (one community, or all). */
export const addressProposalQuery = pageQuery.extend({ communityId: uuid.optional() }).strict();
export type AddressProposalQuery = z.infer<typeof addressProposalQuery>;

/** A proposed member; `relationToHead` is the one proposed to the proposed head, null: 待确认. */
export type AddressProposalMember = Pick<HouseholdMember, 'residentId' | 'name' | 'sex' | 'age' | 'relationToHead'>;

export type AddressProposal = {
  /** community id + normalised address: the same for everyone grouped here. */
  key: string;
  communityId: string;
  communityName: string;
  address: string;
  members: AddressProposalMember[];
  /** The member with 与户主关系 户主 on record, else the eldest adult, else the eldest. */
  headResidentId: string;
  /** Nobody here is 18 or older: the head needs a second look. */
  noAdult: boolean;
};

export type AddressProposalPage = {
  data: AddressProposal[];
  total: number;
  /** Residents without a household in the scope asked, and those of them with no address to group by. */
  ungrouped: number;
  withoutAddress: number;
};

export const fromAddressesInput = z
  .object({
    households: z
      .array(
        z
          .object({
            communityId: uuid,
            headResidentId: uuid,
            members: z.array(z.object({ residentId: uuid, relationToHead: codeOf(RELATIONS_TO_HEAD).nullable() }).strict()).min(1, 'required').max(30, 'too_long'),
          })
          .strict(),
      )
      .min(1, 'required')
      .max(100, 'too_long'),
  })
  .strict();
export type FromAddressesInput = z.infer<typeof fromAddressesInput>;
