import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { AddressProposalPage, FromAddressesInput, Household } from '../../../../common/schemas/households.schema';
import { api, type One } from '../../lib/api';

export type HouseholdAbilities = { update: boolean };
export type HouseholdOne = One<Household, HouseholdAbilities>;
export type HouseholdFilters = { q?: string; communityId?: string; type?: string; page: number; pageSize: number };

export const householdKeys = {
  all: ['households'] as const,
  list: (f: HouseholdFilters) => ['households', 'list', f] as const,
  one: (id: string) => ['households', 'one', id] as const,
  proposals: (f: ProposalFilters) => ['households', 'proposals', f] as const,
};

export type ProposalFilters = { communityId?: string; page: number; pageSize: number };

/** 按地址生成家庭: the caller's residents without a household, grouped by address. */
export function useAddressProposals(f: ProposalFilters) {
  return useQuery({ queryKey: householdKeys.proposals(f), queryFn: () => api.get<AddressProposalPage>('/api/households/address-proposals', f) });
}

/** Creates the ticked proposals in one go; answers how many households were created. */
export const createFromAddresses = (input: FromAddressesInput) => api.post<{ data: { created: number; ids: string[] } }>('/api/households/from-addresses', input);

export function useHousehold(id: string) {
  return useQuery({ queryKey: householdKeys.one(id), queryFn: () => api.get<HouseholdOne>(`/api/households/${id}`) });
}

/** After a change: lists, residents (their household) and the overview figures are out of date. */
export function invalidateAfterChange(qc: QueryClient) {
  void qc.invalidateQueries({ queryKey: ['households', 'list'] });
  void qc.invalidateQueries({ queryKey: ['households', 'proposals'] });
  void qc.invalidateQueries({ queryKey: ['residents'] });
  void qc.invalidateQueries({ queryKey: ['dashboard'] });
}

/** Stores a household the API answered with, and marks what depends on it as stale. */
export function useStoreHousehold() {
  const qc = useQueryClient();
  return useCallback(
    (res: HouseholdOne) => {
      qc.setQueryData(householdKeys.one(res.data.id), res);
      invalidateAfterChange(qc);
      // A member added here may have left another household, whose page is now out of date.
      void qc.invalidateQueries({ queryKey: ['households', 'one'], predicate: (q) => q.queryKey[2] !== res.data.id });
    },
    [qc],
  );
}
