import type { RoutesPlugin } from '../../lib/deps';

export const todoRoutes: RoutesPlugin = async () => {};
