import type { RoutesPlugin } from '../../lib/deps';

export const safeguardingRoutes: RoutesPlugin = async () => {};
