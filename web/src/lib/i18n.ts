import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import type { Code } from '../../../common/codes/codes';
import { ERROR_MESSAGES, FIELD_MESSAGES } from '../../../common/errors';
import { appText } from '../app/app.i18n';
import { accountText } from '../modules/account/account.i18n';
import { assessmentsText } from '../modules/assessments/assessments.i18n';
import { auditText } from '../modules/audit/audit.i18n';
import { casesText } from '../modules/cases/cases.i18n';
import { dashboardText } from '../modules/dashboard/dashboard.i18n';
import { householdsText } from '../modules/households/households.i18n';
import { networksText } from '../modules/networks/networks.i18n';
import { orgsText } from '../modules/orgs/orgs.i18n';
import { referralsText } from '../modules/referrals/referrals.i18n';
import { residentsText } from '../modules/residents/residents.i18n';
import { residentsImportText } from '../modules/residents/residents-import.i18n';
import { safeguardingText } from '../modules/safeguarding/safeguarding.i18n';
import { settingsText } from '../modules/settings/settings.i18n';
import { todoText } from '../modules/todo/todo.i18n';
import { usersText } from '../modules/users/users.i18n';

export type Lang = 'zh' | 'en';
/** Each module's strings: `{ zh: {...}, en: {...} }` under its own namespace key. */
export type Texts = { zh: Record<string, unknown>; en: Record<string, unknown> };

const modules: Record<string, Texts> = {
  app: appText,
  account: accountText,
  dashboard: dashboardText,
  residents: residentsText,
  residentsImport: residentsImportText,
  households: householdsText,
  orgs: orgsText,
  users: usersText,
  audit: auditText,
  referrals: referralsText,
  networks: networksText,
  cases: casesText,
  todo: todoText,
  assessments: assessmentsText,
  safeguarding: safeguardingText,
  settings: settingsText,
};

const pick = (lang: Lang) => ({
  ...Object.fromEntries(Object.entries(modules).map(([k, v]) => [k, v[lang]])),
});

const STORAGE_KEY = 'linli.lang';
const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;

void i18n.use(initReactI18next).init({
  resources: { zh: { translation: pick('zh') }, en: { translation: pick('en') } },
  lng: saved === 'en' ? 'en' : 'zh',
  fallbackLng: 'zh',
  // Error and field messages come from common/errors.ts through errorText() and fieldText().
  nsSeparator: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

export function setLanguage(lang: Lang) {
  localStorage.setItem(STORAGE_KEY, lang);
  void i18n.changeLanguage(lang);
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}

export const currentLang = (): Lang => (i18n.language === 'en' ? 'en' : 'zh');

/** The label of a code in the current language (code lists live in common/codes). */
export function codeLabel(list: readonly Code[], code: string | null | undefined): string {
  if (code == null || code === '') return '';
  const c = list.find((x) => x.code === code);
  return c ? c[currentLang()] : code;
}

/** Options for an antd Select from a code list. */
export function codeOptions(list: readonly Code[]) {
  const lang = currentLang();
  return list.map((c) => ({ value: c.code, label: c[lang] }));
}

/** The message of an error code, in the current language. */
export function errorText(code: string): string {
  const m = (ERROR_MESSAGES as Record<string, { zh: string; en: string }>)[code];
  return m ? m[currentLang()] : (ERROR_MESSAGES.internal[currentLang()]);
}
export function fieldText(code: string): string {
  const m = (FIELD_MESSAGES as Record<string, { zh: string; en: string }>)[code] ?? (ERROR_MESSAGES as Record<string, { zh: string; en: string }>)[code];
  return m ? m[currentLang()] : FIELD_MESSAGES.invalid[currentLang()];
}

export { i18n, useTranslation };
