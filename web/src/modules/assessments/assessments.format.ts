import type { L10n } from '../../../../common/schemas/assessments.schema';
import { currentLang } from '../../lib/i18n';

/** An instrument's own text in the user's language: instruments are data, their words come with them. */
export const loc = (l: L10n | null | undefined): string => (!l ? '' : currentLang() === 'en' ? (l.en ?? l.zh) : l.zh);

export const instrumentName = (i: { name: string; nameEn: string | null }) => (currentLang() === 'en' ? (i.nameEn ?? i.name) : i.name);

/** Grades and levels 0 (intact) … 3 (severe): green to red. */
export const gradeColor = (v: number | null | undefined) => (v == null ? 'default' : (['green', 'gold', 'orange', 'red'][v] ?? 'red'));

/**
 * A dotted field of the API (`answers.problem_list.0.priority`) as an antd name path. Answers are
 * nested form values; any other field is marked on its top-level item (`assessorIds.1` → assessorIds).
 */
export function namePathOf(field: string): (string | number)[] {
  const parts = field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  return parts[0] === 'answers' ? parts : [parts[0]];
}
