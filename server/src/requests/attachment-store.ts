import { createReadStream, type ReadStream } from 'node:fs';
import { access, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { notFound } from '../common/api-exception';
import type { Settings } from '../config/settings';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The files of request attachments, at DATA_DIR/attachments/<requestId>/<attachmentId>: both
 * parts are server-made UUIDs, so nothing a sender writes reaches a path.
 */
@Injectable()
export class AttachmentStore {
  private readonly logger = new Logger(AttachmentStore.name);
  private readonly root: string;

  constructor(config: ConfigService<Settings, true>) {
    this.root = join(config.get('DATA_DIR', { infer: true }), 'attachments');
  }

  private path(requestId: string, attachmentId: string): string {
    if (!UUID.test(requestId) || !UUID.test(attachmentId)) throw new Error('attachment paths are made of UUIDs only');
    return join(this.root, requestId, attachmentId);
  }

  async write(requestId: string, attachmentId: string, bytes: Buffer): Promise<void> {
    await mkdir(join(this.root, requestId), { recursive: true });
    await writeFile(this.path(requestId, attachmentId), bytes, { flag: 'wx', mode: 0o640 });
  }

  /** Undoes writes whose database transaction did not commit. */
  async remove(requestId: string, attachmentIds: string[]): Promise<void> {
    await Promise.all(attachmentIds.map((id) => rm(this.path(requestId, id), { force: true })));
  }

  /** The file's bytes; a row whose file is gone (a restored backup without its folder) is a 404, not a broken stream. */
  async read(requestId: string, attachmentId: string): Promise<ReadStream> {
    const path = this.path(requestId, attachmentId);
    try {
      await access(path);
    } catch {
      this.logger.error(`attachment ${attachmentId} of request ${requestId} is missing from ${this.root}`);
      throw notFound('Arquivo do anexo');
    }
    return createReadStream(path);
  }
}
