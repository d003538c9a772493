import type { RoutesPlugin } from '../../lib/deps';

export const networksRoutes: RoutesPlugin = async () => {};
