import type { RoutesPlugin } from '../../lib/deps';

export const casesRoutes: RoutesPlugin = async () => {};
