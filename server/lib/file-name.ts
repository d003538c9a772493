import { FILE_TYPES, type FileKind } from '../../common/codes/file-types';

/** Characters (code points), as `case_attachments.file_name` allows. */
const MAX_LENGTH = 200;

/**
 * A file name fit to store and to hand back in a download: no folder part (old browsers sent the
 * whole path), none of the characters Windows refuses in names, no trailing dots or spaces, at most
 * 200 characters, and an extension of the kind the content is (`报告.exe` holding a PDF becomes
 * `报告.exe.pdf`), so that the saved file opens in the program for what it is.
 */
export function safeFileName(name: string, kind: FileKind): string {
  const extensions: readonly string[] = FILE_TYPES[kind].extensions;
  const chars = Array.from(name.split(/[/\\]/).pop() ?? '', (c) => (c < ' ' || c === '\u007f' || '<>:"|?*'.includes(c) ? '_' : c));
  let base = chars.join('').replace(/[. ]+$/, '').trim();
  const dot = base.lastIndexOf('.');
  let suffix = extensions[0];
  if (dot >= 0 && extensions.includes(base.slice(dot).toLowerCase())) {
    suffix = base.slice(dot);
    base = base.slice(0, dot);
  }
  return [...(base || '附件')].slice(0, MAX_LENGTH - suffix.length).join('') + suffix;
}

/**
 * `Content-Disposition: attachment` with the name as RFC 6266 / RFC 5987 UTF-8 and an ASCII
 * fallback for clients without it; the name is a stored one (`safeFileName`).
 */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
