/**
 * The file types Linli reads from a file's content (server/lib/file-type.ts), with the MIME type
 * stored and sent for them and the extensions they go by (the first is added to a name that has
 * none of them).
 */
export const FILE_TYPES = {
  jpg: { mime: 'image/jpeg', extensions: ['.jpg', '.jpeg'] },
  png: { mime: 'image/png', extensions: ['.png'] },
  heic: { mime: 'image/heic', extensions: ['.heic', '.heif'] },
  pdf: { mime: 'application/pdf', extensions: ['.pdf'] },
  doc: { mime: 'application/msword', extensions: ['.doc'] },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['.docx'] },
  xls: { mime: 'application/vnd.ms-excel', extensions: ['.xls'] },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['.xlsx'] },
} as const;
export type FileKind = keyof typeof FILE_TYPES;

/** The `accept` attribute of a file input taking these kinds: extensions and MIME types. */
export const acceptOf = (kinds: readonly FileKind[]) => kinds.flatMap((k) => [...FILE_TYPES[k].extensions, FILE_TYPES[k].mime]).join(',');

/** Whether a file name ends with one of the kinds' extensions (case-insensitive). */
export const hasExtensionOf = (name: string, kinds: readonly FileKind[]) => kinds.some((k) => FILE_TYPES[k].extensions.some((e) => name.toLowerCase().endsWith(e)));
