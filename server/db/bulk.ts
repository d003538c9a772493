// Many rows in one INSERT with one parameter per column (`select * from unnest($1::uuid[], …)`):
// Drizzle's multi-row insert builds a parameter per cell, which for an import of thousands of rows
// cost more CPU than the database's own work (most of it in drizzle's per-value checks).
import { getTableColumns, sql, type Table } from 'drizzle-orm';
import type { Db } from './client';

/**
 * Inserts `rows` (objects keyed like the table's Drizzle columns). Columns are those named by any
 * row; a row without a value for one of them gets NULL there (not the column's default), so rows
 * should name the same columns. Values go through each column's own mapping (jsonb, dates).
 */
export async function insertMany<T extends Table>(db: Db, table: T, rows: Partial<T['$inferInsert']>[]): Promise<void> {
  if (!rows.length) return;
  const columns = getTableColumns(table);
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r).filter((k) => (r as Record<string, unknown>)[k] !== undefined)))].filter((k) => k in columns);
  const arrays = keys.map((k) => {
    const column = columns[k];
    const values = rows.map((r) => {
      const v = (r as Record<string, unknown>)[k];
      return v == null ? null : column.mapToDriverValue(v);
    });
    return sql`${sql.param(values)}::${sql.raw(column.getSQLType())}[]`;
  });
  const names = sql.join(keys.map((k) => sql.identifier(columns[k].name)), sql`, `);
  await db.execute(sql`insert into ${table} (${names}) select * from unnest(${sql.join(arrays, sql`, `)})`);
}
