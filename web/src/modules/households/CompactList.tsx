import { Pagination, Spin } from 'antd';
import type { PaginationProps } from 'antd';
import type { ReactNode } from 'react';

/**
 * A plain list for phones, where a table's columns do not fit: one block per row, with an
 * optional action at its end. (antd's List is deprecated in antd 6.6.)
 */
export function CompactList<T>({
  items, rowKey, render, action, loading = false, empty, pagination,
}: {
  items: T[];
  rowKey: (item: T) => string;
  render: (item: T) => ReactNode;
  action?: (item: T) => ReactNode;
  loading?: boolean;
  empty: ReactNode;
  pagination?: PaginationProps | false;
}) {
  return (
    <Spin spinning={loading}>
      {items.length === 0 ? (
        loading ? <div style={{ minHeight: 120 }} /> : empty
      ) : (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {items.map((item, i) => (
            <li
              key={rowKey(item)}
              style={{ display: 'flex', alignItems: 'flex-start', gap: 8, padding: '12px 0', borderTop: i ? '1px solid #f0f0f0' : undefined }}
            >
              <div style={{ flex: 1, minWidth: 0 }}>{render(item)}</div>
              {action?.(item)}
            </li>
          ))}
        </ul>
      )}
      {pagination && items.length > 0 && <Pagination {...pagination} align="center" style={{ marginTop: 12 }} />}
    </Spin>
  );
}
