// Every table, for Drizzle's relational queries and for drizzle-kit.
export * from '../modules/orgs/orgs.table';
export * from '../modules/users/users.table';
export * from '../modules/auth/auth.table';
export * from '../modules/audit/audit.table';
export * from '../modules/residents/residents.table';
export * from '../modules/households/households.table';
export * from '../modules/cases/cases.table';
export * from '../modules/assessments/assessments.table';
export * from '../modules/referrals/referrals.table';
export * from '../modules/networks/networks.table';
export * from '../modules/safeguarding/safeguarding.table';
export * from '../modules/settings/settings.table';
