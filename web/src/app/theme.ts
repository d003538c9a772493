import type { ThemeConfig } from 'antd';

/**
 * Linli's antd theme. Every text colour meets WCAG 2.1 AA contrast (4.5:1 for normal text, 1.4.3;
 * GB/T 37668—2019 §6.1.4.3) on white and on the page's grey: many users are older and many offices
 * are bright. antd's defaults do not (secondary text #8c8c8c is 3.4:1, placeholders 1.8:1, preset
 * tag texts about 3.4:1), so the fix is here, in the tokens, not page by page. The browser journey
 * `e2e/a11y.journey.test.ts` runs axe-core over the main pages to keep it so.
 */
const ACCESSIBLE_TEXT = {
  // Secondary and descriptive text (Typography type="secondary", menu group titles, hints): 5.7:1 on white, 5.3:1 on #f5f7f8.
  colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
  colorTextDescription: 'rgba(0, 0, 0, 0.6)',
  // Placeholders are text a user must read to know what to type: 4.7:1 on white.
  colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
  // Status colours used as text (form errors, Typography type="danger" …).
  colorError: '#cf1322',
  colorErrorText: '#cf1322',
  colorSuccessText: '#237804',
  colorWarningText: '#ad4e00',
};

/**
 * Tags write their text in the 7th shade of their colour on its 1st shade; for the light hues that
 * is under 4.5:1, so those tags take a darker shade (8 or 9 of antd's palette), and status tags
 * (success, processing, warning, error) a darker status colour.
 */
const TAG_TEXT = {
  green7: '#237804',
  cyan7: '#006d75',
  orange7: '#ad4e00',
  gold7: '#874d00',
  volcano7: '#ad2102',
  lime7: '#3f6600',
  yellow7: '#876800',
  colorSuccess: '#237804',
  colorInfo: '#0958d9',
  colorWarning: '#ad4e00',
  colorError: '#cf1322',
};

export function linliTheme({ reducedMotion }: { reducedMotion: boolean }): ThemeConfig {
  return {
    components: {
      Menu: { itemSelectedBg: '#e6f4f1', itemSelectedColor: '#0f766e' },
      Tag: TAG_TEXT,
    },
    token: {
      // A user who asked their system for less motion gets no antd animations (WCAG 2.3.3).
      motion: !reducedMotion,
      colorPrimary: '#0f766e',
      // A shade darker than the primary colour: links sit on hovered and sorted table rows too (5.1:1 on #e6e6e6).
      colorLink: '#0d6b64',
      borderRadius: 6,
      fontFamily: "-apple-system, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif",
      ...ACCESSIBLE_TEXT,
    },
  };
}
