import type { Referral, ReferralAbilities, ReferralIntakePrefill, ReferralParty, Resource } from '../../../common/schemas/referrals.schema';
import { isOverdue } from './referrals.rules';
import type { caseReferrals, resources } from './referrals.table';

export type ResourceRow = typeof resources.$inferSelect;
export type ReferralRow = typeof caseReferrals.$inferSelect;

export function presentResource(r: ResourceRow, ownerName: string): Resource {
  return {
    id: r.id,
    ownerOrgUnitId: r.ownerOrgUnitId,
    ownerName,
    name: r.name,
    type: r.type,
    services: r.services,
    serviceAreas: r.serviceAreas,
    contactName: r.contactName,
    phone: r.phone,
    address: r.address,
    note: r.note,
    archived: r.archivedAt !== null,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

type UnitRef = { id: string; name: string; kind: string; phone: string | null; address: string | null } | null;
type ResourceRef = { id: string; name: string; type: string; phone: string | null; contactName: string | null; address: string | null } | null;

/** One referral as read with its joins (see referrals.service.ts `selectReferrals`). */
export type ReferralJoined = {
  r: ReferralRow;
  caseNo: string | null;
  caseResidentId: string | null;
  caseServiceArea: string | null;
  caseRiskLevel: string | null;
  clientName: string | null;
  caseCommunityId: string | null;
  caseCommunityName: string | null;
  caseCommunityPhone: string | null;
  targetUnit: UnitRef;
  targetResource: ResourceRef;
  fromResource: ResourceRef;
  createdByName: string | null;
  createdByPhone: string | null;
  respondedByName: string | null;
  caseWork: boolean;
};

const unitParty = (u: NonNullable<UnitRef>): ReferralParty => ({ kind: 'org_unit', id: u.id, name: u.name, type: u.kind, phone: u.phone, contactName: null, address: u.address });
const resourceParty = (r: NonNullable<ResourceRef>): ReferralParty => ({
  kind: 'resource', id: r.id, name: r.name, type: r.type, phone: r.phone, contactName: r.contactName, address: r.address,
});
const textParty = (name: string): ReferralParty => ({ kind: 'text', id: null, name, type: null, phone: null, contactName: null, address: null });

/** Where a referral goes. */
export function targetParty(j: Pick<ReferralJoined, 'targetUnit' | 'targetResource'>): ReferralParty {
  if (j.targetUnit) return unitParty(j.targetUnit);
  if (j.targetResource) return resourceParty(j.targetResource);
  return textParty('—');
}

/**
 * Where a referral comes from: the case's community for one out (its contact the referring worker,
 * on their work phone or the community's), the outside organisation for one in.
 */
export function fromParty(j: ReferralJoined): ReferralParty {
  if (j.r.direction === 'out') {
    return {
      kind: 'org_unit', id: j.caseCommunityId, name: j.caseCommunityName ?? '—', type: 'community',
      phone: j.createdByPhone ?? j.caseCommunityPhone, contactName: j.createdByName, address: null,
    };
  }
  if (j.fromResource) return resourceParty(j.fromResource);
  return textParty(j.r.fromText ?? '—');
}

/**
 * A referral as the caller sees it. The receiving side reads the client's name, the reason and the
 * services asked for — what the recorded consent or legal basis covers (个人信息保护法 第13条) — and
 * not the case itself.
 */
export function presentReferral(j: ReferralJoined, abilities: ReferralAbilities, today: string): Referral {
  const r = j.r;
  return {
    id: r.id,
    direction: r.direction as 'out' | 'in',
    caseId: r.caseId,
    caseNo: j.caseNo,
    client: {
      name: j.clientName ?? r.clientName ?? '—',
      residentId: j.caseResidentId ?? r.clientResidentId ?? null,
      communityName: j.caseCommunityName,
    },
    from: fromParty(j),
    to: targetParty(j),
    reason: r.reason,
    servicesRequested: r.servicesRequested,
    consentBasis: r.consentBasis,
    status: r.status,
    urgent: r.urgent,
    sentAt: r.sentAt.toISOString(),
    feedbackDue: r.feedbackDue,
    overdue: isOverdue(r, today),
    answerOnBehalf: answerOnBehalf(r),
    respondedAt: r.respondedAt?.toISOString() ?? null,
    respondedByName: j.respondedByName,
    responseNote: r.responseNote,
    feedback: r.feedback,
    completedAt: r.completedAt?.toISOString() ?? null,
    resultCaseId: r.resultCaseId,
    createdAt: r.createdAt.toISOString(),
    createdByName: j.createdByName,
    version: r.version,
    abilities,
  };
}

/** A referral out to a directory organisation (no account here): its sender records its answer. */
export const answerOnBehalf = (r: Pick<ReferralRow, 'direction' | 'targetResourceId'>) => r.direction === 'out' && !!r.targetResourceId;

/** What the receiving unit's intake starts from (source 转介, MZ/T 094—2017 接案). */
export function intakePrefill(j: ReferralJoined): ReferralIntakePrefill {
  const r = j.r;
  const from = fromParty(j);
  const sourceNote = r.direction === 'out'
    ? `${from.name}${j.createdByName ? ` ${j.createdByName}` : ''} 转介${j.caseNo ? `（${j.caseNo}）` : ''}`
    : `${from.name} 转介`;
  const problem = r.servicesRequested ? `${r.reason}\n需要的服务：${r.servicesRequested}` : r.reason;
  const community = j.targetUnit && (j.targetUnit.kind === 'community' || j.targetUnit.kind === 'village') ? j.targetUnit.id : null;
  return {
    referralId: r.id,
    source: 'referral_in',
    residentId: j.caseResidentId ?? r.clientResidentId ?? null,
    clientName: j.clientName ?? r.clientName ?? '',
    referralSourceNote: sourceNote.slice(0, 200),
    presentingProblem: problem.slice(0, 2000),
    serviceArea: j.caseServiceArea,
    riskLevel: j.caseRiskLevel,
    consentBasis: r.consentBasis,
    communityId: community,
  };
}
