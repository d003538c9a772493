import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { ERROR_MESSAGES, FIELD_MESSAGES, type ErrorCode } from '../../common/errors';
import { hasInvalidChar } from '../../common/validators/text.validator';
import { AppError } from './errors';
import { invalidCharError } from './input';

export type UploadSpec = {
  /** The form field of the one file the route takes. */
  file: string;
  maxBytes: number;
  /** Answered with 413 when the file is larger than `maxBytes`. */
  tooLarge: ErrorCode;
  /** Answered with 400 when the request carries no file. */
  missing: ErrorCode;
  /** The text fields the form may carry besides the file. */
  fields?: readonly string[];
};

export type Upload = { fileName: string; content: Buffer; fields: Record<string, string> };

const FIELD_MAX_BYTES = 1000;

const invalid = (field: string, code: 'too_many_files' | 'too_many_fields' | 'unknown_field' | 'too_long') =>
  new AppError('validation.failed', 400, [{ field, code, message: FIELD_MESSAGES[code].zh }]);

/**
 * Reads a multipart form of one file and a few text fields, to its end, so that nothing is
 * silently dropped: a file over `maxBytes` answers 413 with the route's code (the truncation is
 * checked here, so a cut file is never returned whatever the plugin's settings), a second file, an
 * unknown part or a repeated field 400 naming the field, a NUL or other invalid character in a
 * field or the file name 400 `invalid_char` like every other text (server/lib/input.ts).
 */
export async function readFileForm(req: FastifyRequest, spec: UploadSpec): Promise<Upload> {
  let content: Buffer = Buffer.alloc(0);
  const form = await readForm(req, spec, async (file) => {
    content = await streamToBuffer(file);
  });
  return { ...form, content };
}

/**
 * The same form, its file streamed to `target` on disk instead of held in memory (a register of a
 * whole street); the caller removes `target` if it goes on to refuse the file. A file over the
 * limit leaves nothing at `target`.
 */
export async function readFileFormToDisk(req: FastifyRequest, spec: UploadSpec, target: string): Promise<Omit<Upload, 'content'>> {
  try {
    return await readForm(req, spec, (file) => pipeline(file, fs.createWriteStream(target, { mode: 0o600 })));
  } catch (e) {
    await fs.promises.rm(target, { force: true });
    throw e;
  }
}

async function streamToBuffer(file: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of file) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function readForm(req: FastifyRequest, spec: UploadSpec, store: (file: Readable) => Promise<void>): Promise<Omit<Upload, 'content'>> {
  const missing = () => new AppError(spec.missing, 400, [{ field: spec.file, code: 'required', message: FIELD_MESSAGES.required.zh }]);
  const tooLarge = () => new AppError(spec.tooLarge, 413, [{ field: spec.file, code: 'too_long', message: ERROR_MESSAGES[spec.tooLarge].zh }]);
  if (!req.isMultipart()) throw missing();
  const allowed = new Set(spec.fields ?? []);
  const fields: Record<string, string> = {};
  let fileName: string | null = null;
  // One part more than the form takes, so that the extra one is seen and named rather than dropped.
  const parts = req.parts({ limits: { fileSize: spec.maxBytes, files: 2, fields: allowed.size + 1, parts: allowed.size + 2, fieldSize: FIELD_MAX_BYTES } });
  try {
    for await (const part of parts) {
      if (hasInvalidChar(part.fieldname)) throw invalidCharError(part.fieldname);
      if (part.type === 'file') {
        if (part.fieldname !== spec.file) throw invalid(part.fieldname, 'unknown_field');
        if (fileName !== null) throw invalid(spec.file, 'too_many_files');
        if (hasInvalidChar(part.filename)) throw invalidCharError('fileName');
        await store(part.file);
        if (part.file.truncated) throw tooLarge();
        fileName = part.filename;
      } else {
        const value = String(part.value);
        if (hasInvalidChar(value)) throw invalidCharError(part.fieldname);
        if (!allowed.has(part.fieldname)) throw invalid(part.fieldname, 'unknown_field');
        if (part.fieldname in fields) throw invalid(part.fieldname, 'too_many_fields');
        if (part.valueTruncated) throw invalid(part.fieldname, 'too_long');
        fields[part.fieldname] = value;
      }
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    if (code === 'FST_FILES_LIMIT') throw invalid(spec.file, 'too_many_files');
    if (code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT') throw invalid(spec.file, 'too_many_fields');
    throw err;
  }
  if (fileName === null) throw missing();
  return { fileName, fields };
}
