import { attachmentLimits } from '@receptivo/shared';

export type AttachmentContentType = (typeof attachmentLimits.contentTypes)[number];

const startsWith = (bytes: Buffer, signature: number[], at = 0) =>
  bytes.length >= at + signature.length && signature.every((byte, index) => bytes[at + index] === byte);
const ascii = (text: string) => [...text].map((character) => character.charCodeAt(0));

/**
 * The signatures of the accepted formats. Checked here rather than with `file-type` (ESM-only,
 * which jest on Node 20 cannot load) because the allowlist is six formats with fixed, short
 * signatures, and plain text — which has none — needs its own check anyway.
 */
const signatures: { type: Exclude<AttachmentContentType, 'text/plain'>; matches: (bytes: Buffer) => boolean }[] = [
  { type: 'application/pdf', matches: (bytes) => startsWith(bytes, ascii('%PDF-')) },
  { type: 'image/png', matches: (bytes) => startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { type: 'image/jpeg', matches: (bytes) => startsWith(bytes, [0xff, 0xd8, 0xff]) },
  { type: 'image/gif', matches: (bytes) => startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a')) },
  { type: 'image/webp', matches: (bytes) => startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8) },
];

/** Programs and scripts, refused by name even when the rest of the file could pass for text. */
const executables = [ascii('MZ'), [0x7f, 0x45, 0x4c, 0x46], [0xfe, 0xed, 0xfa, 0xce], [0xfe, 0xed, 0xfa, 0xcf], [0xcf, 0xfa, 0xed, 0xfe], [0xca, 0xfe, 0xba, 0xbe], ascii('#!')];

/** UTF-8 text with no control characters but tab, line breaks and form feed. */
function isPlainText(bytes: Buffer): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  return !/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text);
}

export type Detection = { ok: true; contentType: AttachmentContentType } | { ok: false; reason: 'executable' | 'unsupported' };

/** The content type read from the bytes themselves; the sender's name and declared type are not trusted. */
export function detectContentType(bytes: Buffer): Detection {
  if (executables.some((signature) => startsWith(bytes, signature))) return { ok: false, reason: 'executable' };
  const known = signatures.find((signature) => signature.matches(bytes));
  if (known) return { ok: true, contentType: known.type };
  return bytes.length > 0 && isPlainText(bytes) ? { ok: true, contentType: 'text/plain' } : { ok: false, reason: 'unsupported' };
}

const extensions: Record<AttachmentContentType, string[]> = {
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
  'text/plain': ['txt', 'text', 'log', 'csv'],
};

export const MAX_FILE_NAME_LENGTH = 120;
const reservedOnWindows = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/**
 * The sender's file name made safe to show and to offer as a download name: the last path
 * segment only (no "../"), no control or bidirectional-override characters, no characters
 * Windows refuses, no leading dots, at most 120 characters, with an extension that matches
 * the detected content. It is never used as a name on disk.
 */
export function safeFileName(original: string, contentType: AttachmentContentType): string {
  const lastSegment = original.normalize('NFC').split(/[/\\]/).pop() ?? '';
  const cleaned = lastSegment
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .trim();
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 ? cleaned.slice(dot + 1).toLowerCase() : '';
  let base = (dot > 0 ? cleaned.slice(0, dot) : cleaned).replace(/^[.\s]+|[.\s]+$/g, '');
  if (base === '') base = 'anexo';
  if (reservedOnWindows.test(base)) base = `_${base}`;
  const finalExtension = extensions[contentType].includes(extension) ? extension : extensions[contentType][0];
  const room = MAX_FILE_NAME_LENGTH - finalExtension.length - 1;
  return `${[...base].slice(0, room).join('').trimEnd()}.${finalExtension}`;
}
