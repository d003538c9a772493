/** The import modes of `POST /api/residents/import`: check only, all rows or nothing, or the valid rows. */
export const IMPORT_MODES = ['validate', 'all', 'valid_only'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

/** A problem with one cell or row: Excel row number, column title as in the file, cell address. */
export type ImportError = { row: number; column: string; cell?: string; field: string; code: string; message: string };
export type ImportWarning = { row: number; column?: string; cell?: string; code: string; message: string };

/** The answer of an import; in `validate` mode created/updated/skipped say what an import would do. */
export type ImportReport = {
  total: number;
  valid: number;
  created: number;
  updated: number;
  skipped: number;
  errors: ImportError[];
  warnings: ImportWarning[];
  committed: boolean;
};
