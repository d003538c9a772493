import type { Deps } from '../../lib/deps';
import type { zodApp } from '../../lib/deps';

/** Excel template, import and export of residents. */
export function registerResidentExcelRoutes(_r: ReturnType<typeof zodApp>, _deps: Deps) {}
