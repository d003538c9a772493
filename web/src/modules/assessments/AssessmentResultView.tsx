import { Descriptions, Flex, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AssessmentResult, InstrumentDefinition, SectionResult } from '../../../../common/schemas/assessments.schema';
import { gradeColor, loc } from './assessments.format';

/** Whether a section sums points and whether it has a grade: from the definition when known, else from the stored result. */
export function sectionKinds(s: SectionResult, definition?: InstrumentDefinition) {
  const sec = definition?.sections.find((x) => x.key === s.key);
  if (sec) return { scored: !!sec.scoring?.sum, graded: !!sec.scoring?.grade };
  return { scored: s.score !== null || s.maxScore !== null, graded: s.grade !== null };
}

/** A section's sum ("80/100 分") and grade (能力完好 …), or 未完成 while it cannot be scored yet. */
export function SectionScore({ s, scored, graded }: { s: SectionResult | undefined; scored: boolean; graded: boolean }) {
  const { t } = useTranslation();
  if (!s || (!scored && !graded)) return null;
  if ((scored && s.score === null) || (graded && s.grade === null)) return <Tag style={{ marginInlineEnd: 0 }}>{t('assessments.pending')}</Tag>;
  return (
    <Space size={4} wrap>
      {scored && s.score !== null && (
        <Tag style={{ marginInlineEnd: 0 }}>{s.maxScore !== null ? t('assessments.scoreOf', { score: s.score, max: s.maxScore }) : t('assessments.score', { score: s.score })}</Tag>
      )}
      {graded && s.grade !== null && (
        <Tag color={gradeColor(s.grade)} style={{ marginInlineEnd: 0 }}>
          {loc(s.gradeLabel) || s.grade}
        </Tag>
      )}
    </Space>
  );
}

/** One cell of a list: the level, and the scored sections in brief. */
export function ResultBrief({ result }: { result: AssessmentResult }) {
  const { t } = useTranslation();
  const parts = result.sections.filter((s) => s.score !== null || s.grade !== null);
  if (!result.level && !parts.length) return <Typography.Text type="secondary">{t('assessments.noScore')}</Typography.Text>;
  return (
    <Space orientation="vertical" size={2}>
      {result.level && (
        <Tag color={gradeColor(result.level.value)} style={{ marginInlineEnd: 0 }}>
          {loc(result.level.valueLabel) || result.level.value}
        </Tag>
      )}
      {parts.length > 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {parts.map((s) => `${loc(s.title)} ${s.score !== null ? t('assessments.score', { score: s.score }) : loc(s.gradeLabel)}`).join(' · ')}
        </Typography.Text>
      )}
    </Space>
  );
}

/**
 * The whole result: the level with how it was reached (the level from the indicators, then the
 * adjustments the instrument applies), and each scored or graded section.
 */
export function ResultPanel({ result, definition, incomplete }: { result: AssessmentResult; definition?: InstrumentDefinition; incomplete?: string }) {
  const { t } = useTranslation();
  const parts = result.sections.map((s) => ({ s, ...sectionKinds(s, definition) })).filter((x) => x.scored || x.graded);
  const level = result.level;
  const hasLevel = definition ? !!definition.level : !!level;
  if (!hasLevel && !parts.length) return <Typography.Text type="secondary">{t('assessments.noScore')}</Typography.Text>;
  return (
    <Flex vertical gap={8}>
      {hasLevel && (
        <Flex gap={8} align="center" wrap>
          <Typography.Text strong>{loc(level?.label ?? definition?.level?.label)}</Typography.Text>
          {level ? (
            <Tag color={gradeColor(level.value)} style={{ fontSize: 15, padding: '2px 10px', marginInlineEnd: 0 }}>
              {loc(level.valueLabel) || level.value}
            </Tag>
          ) : (
            <Typography.Text type="secondary">{incomplete}</Typography.Text>
          )}
          {level && level.adjustedBy !== 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[t('assessments.detail.base', { level: loc(level.baseLabel) || level.base }), ...level.notes.map(loc)].join('；')}
            </Typography.Text>
          )}
        </Flex>
      )}
      {parts.length > 0 && (
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2 }}
          items={parts.map(({ s, scored, graded }) => ({ key: s.key, label: loc(s.title), children: <SectionScore s={s} scored={scored} graded={graded} /> }))}
        />
      )}
    </Flex>
  );
}
