import type { RoutesPlugin } from '../../lib/deps';

export const assessmentsRoutes: RoutesPlugin = async () => {};
