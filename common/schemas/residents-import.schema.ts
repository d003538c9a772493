import { z } from 'zod';
import { uuid } from './common.schema';

/** The import modes of `POST /api/residents/import`: check only, all rows or nothing, or the valid rows. */
export const IMPORT_MODES = ['validate', 'all', 'valid_only'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

/** A problem with one cell or row: Excel row number, column title as in the file, cell address. */
export type ImportError = { row: number; column: string; cell?: string; field: string; code: string; message: string };
export type ImportWarning = { row: number; column?: string; cell?: string; code: string; message: string };

/** At most this many problems travel with a job; all of them are in the problem workbook. */
export const REPORT_ISSUES_SHOWN = 2000;

/** The outcome of an import; in `validate` mode created/updated/skipped say what an import would do. */
export type ImportReport = {
  total: number;
  valid: number;
  created: number;
  updated: number;
  skipped: number;
  /** Households the file builds (户编号 / 户主证件号): new ones, and existing ones it adds to. */
  householdsCreated: number;
  householdsUpdated: number;
  /** The first REPORT_ISSUES_SHOWN problems; errorCount and warningCount count them all. */
  errors: ImportError[];
  warnings: ImportWarning[];
  errorCount: number;
  warningCount: number;
  /** Rows with at least one error. */
  errorRows: number;
  committed: boolean;
  /** An import (`all`) found problems that its check had not: the data changed in between; nothing was written. */
  changedSince?: boolean;
};

export const IMPORT_JOB_STATUSES = ['running', 'done', 'failed', 'cancelled'] as const;
export type ImportJobStatus = (typeof IMPORT_JOB_STATUSES)[number];
/** reading: unzipping and parsing; checking: each row against the file and the database; writing: in one transaction. */
export const IMPORT_PHASES = ['queued', 'checking', 'writing', 'finished'] as const;
export type ImportPhase = (typeof IMPORT_PHASES)[number];

/** An import as the page follows it (GET /api/residents/import/jobs/current, polled while it runs). */
export type ImportJob = {
  id: string;
  fileName: string;
  mode: ImportMode;
  communityId: string | null;
  status: ImportJobStatus;
  phase: ImportPhase;
  /** How far through the sheet the check is, 0–100. */
  readPercent: number;
  rowsRead: number;
  rowsChecked: number;
  rowsWritten: number;
  /** Rows to write, once the check is done (the valid rows that change something). */
  rowsToWrite: number;
  errorsSoFar: number;
  createdAt: string;
  finishedAt: string | null;
  report: ImportReport | null;
  /** Why the file was refused or the job stopped: an error code and its details. */
  failure: { code: string; message: string; details?: unknown } | null;
  /** The uploaded file is still kept: the import can be run on it and its problem workbook downloaded. */
  fileKept: boolean;
};

/** Runs an import again on the file a job read (import after a check, or check again with a community). */
export const importRerunInput = z
  .object({ mode: z.enum(IMPORT_MODES, { error: 'invalid_option' }), communityId: uuid.nullish() })
  .strict();
