import type { Readable } from 'node:stream';
import { StreamableFile } from '@nestjs/common';
import { create as contentDisposition } from 'content-disposition';
import type { Response } from 'express';

/** The name in plain ASCII for old clients ("relatório" → "relatorio"); the exact one goes in filename*. */
const asciiName = (name: string) => name.normalize('NFD').replace(/\p{Diacritic}/gu, '').replace(/[^\x20-\x7e]/g, '_');

/**
 * Sends a file as a download: Content-Disposition attachment with the given (already safe) name,
 * the stated content type with sniffing off, and no caching of what may be personal data.
 */
export function download(response: Response, fileName: string, contentType: string, body: Readable | Buffer, length: number): StreamableFile {
  response.setHeader('Content-Disposition', contentDisposition(fileName, { fallback: asciiName(fileName) }));
  // Text attachments were checked to be UTF-8 on the way in.
  response.setHeader('Content-Type', contentType === 'text/plain' ? 'text/plain; charset=utf-8' : contentType);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Cache-Control', 'private, no-store');
  return body instanceof Uint8Array ? new StreamableFile(body, { length }) : new StreamableFile(body, { length });
}
