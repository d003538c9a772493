import type { Texts } from '../../lib/i18n';

export const dashboardText: Texts = {
  zh: {},
  en: {},
};
