import type { Texts } from '../../lib/i18n';

export const residentsText: Texts = {
  zh: {},
  en: {},
};
