import type { Texts } from '../../lib/i18n';

export const auditText: Texts = {
  zh: {},
  en: {},
};
