const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe to stand in HTML: names and labels users typed are text, never markup. */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ENTITIES[c]);

/**
 * The HTML of a chart tooltip from lines of plain text (ECharts puts a formatter's string into the
 * page as HTML, and i18next interpolates without escaping): every line escaped, the first one bold
 * when asked.
 */
export function tooltipHtml(lines: string[], { boldFirst = false } = {}): string {
  return lines.map((l, i) => (boldFirst && i === 0 ? `<b>${escapeHtml(l)}</b>` : escapeHtml(l))).join('<br/>');
}
