import type { Texts } from '../../lib/i18n';

export const residentsImportText: Texts = {
  zh: {},
  en: {},
};
