/** `GET /api/dashboard/summary`: the home page's figures for the caller's communities. */
export type DashboardSummary = {
  residents: number;
  households: number;
  newThisMonth: number;
  /** Residents with at least one target-group tag in force (restricted ones only where visible). */
  tagged: number;
  byGroup: { group: string; count: number }[];
  byTag: { tag: string; count: number }[];
  byCommunity: { communityId: string; name: string; kind: string; residents: number; households: number }[];
  ageBands: { band: string; count: number }[];
  monthly: { month: string; count: number }[];
};
