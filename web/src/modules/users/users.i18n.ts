import type { Texts } from '../../lib/i18n';

export const usersText: Texts = {
  zh: {},
  en: {},
};
