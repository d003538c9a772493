import type { Texts } from '../../lib/i18n';

export const orgsText: Texts = {
  zh: {},
  en: {},
};
