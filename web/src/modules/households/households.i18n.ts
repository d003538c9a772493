import type { Texts } from '../../lib/i18n';

export const householdsText: Texts = {
  zh: {},
  en: {},
};
