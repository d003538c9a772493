import type { RoutesPlugin } from '../../lib/deps';

export const referralsRoutes: RoutesPlugin = async () => {};
