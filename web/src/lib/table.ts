import type { MouseEvent } from 'react';

/**
 * Table rows that open their record: a click anywhere on the row goes to `path(row)`, unless it was
 * on a link or a button inside it, or the user was selecting text to copy.
 */
export function rowOpens<T>(go: (path: string) => void, path: (row: T) => string) {
  return (row: T) => ({
    onClick: (e: MouseEvent) => {
      if ((e.target as HTMLElement).closest('a,button') || window.getSelection()?.toString()) return;
      go(path(row));
    },
    style: { cursor: 'pointer' },
  });
}
