import { Button, Typography } from 'antd';

/**
 * The line above a filtered list: how many there are (announced to screen readers), "（已筛选）" when
 * filters are on, and the link that clears them. Texts come from the list's module.
 */
export function ListTotal({ loaded, total, filtered, reset, texts }: {
  loaded: boolean;
  total: string;
  filtered: boolean;
  reset: () => void;
  texts: { filtered: string; reset: string };
}) {
  return (
    <span>
      <Typography.Text type="secondary" aria-live="polite">
        {loaded ? total + (filtered ? texts.filtered : '') : '\u00a0'}
      </Typography.Text>
      {filtered && (
        <Button type="link" size="small" onClick={reset}>
          {texts.reset}
        </Button>
      )}
    </span>
  );
}
