import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource, type EntityManager } from 'typeorm';
import { notFound } from '../common/api-exception';
import type { Settings } from '../config/settings';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The bytes of request attachments, in PostgreSQL (request_attachment_contents) so that every node
 * of a cluster serves every file, and so that a file is written in the transaction of its row: a
 * rolled-back action leaves no bytes behind. A file is at most 10 MB (attachmentLimits), which
 * bytea holds and a download buffers without trouble.
 */
@Injectable()
export class AttachmentStore implements OnModuleInit {
  private readonly logger = new Logger(AttachmentStore.name);
  /** Where versions before the database store kept the files: DATA_DIR/attachments/<requestId>/<attachmentId>. */
  private readonly legacyRoot: string;

  constructor(
    config: ConfigService<Settings, true>,
    private readonly dataSource: DataSource,
  ) {
    this.legacyRoot = join(config.get('DATA_DIR', { infer: true }), 'attachments');
  }

  /** Call after inserting the attachment's row, in the same transaction. */
  async write(manager: EntityManager, attachmentId: string, bytes: Buffer): Promise<void> {
    await manager.query('INSERT INTO request_attachment_contents (attachment_id, bytes) VALUES ($1, $2)', [attachmentId, bytes]);
  }

  /** The file's bytes; a row without them (its file was never copied in) is a 404, not a broken download. */
  async read(requestId: string, attachmentId: string): Promise<Buffer> {
    const [row] = await this.dataSource.query(
      `SELECT c.bytes FROM request_attachment_contents c JOIN request_attachments a ON a.id = c.attachment_id
        WHERE a.id = $1 AND a.request_id = $2`,
      [attachmentId, requestId],
    );
    if (!row) {
      this.logger.error(`attachment ${attachmentId} of request ${requestId} has no bytes in the database`);
      throw notFound('Arquivo do anexo');
    }
    return row.bytes as Buffer;
  }

  /**
   * Copies the files an earlier version wrote under DATA_DIR/attachments into the database, once
   * (checked against the row's SHA-256). The files stay on disk; nothing reads them afterwards.
   */
  async onModuleInit(): Promise<void> {
    // Installs that never had the folder (and cluster nodes) skip the look-up at every start.
    if (!existsSync(this.legacyRoot)) return;
    const missing: { id: string; request_id: string; sha256: string }[] = await this.dataSource.query(
      `SELECT a.id, a.request_id, a.sha256 FROM request_attachments a
        WHERE NOT EXISTS (SELECT 1 FROM request_attachment_contents c WHERE c.attachment_id = a.id)`,
    );
    let copied = 0;
    for (const attachment of missing) {
      if (!UUID.test(attachment.request_id) || !UUID.test(attachment.id)) continue;
      const path = join(this.legacyRoot, attachment.request_id, attachment.id);
      if (!existsSync(path)) continue;
      const bytes = await readFile(path);
      if (createHash('sha256').update(bytes).digest('hex') !== attachment.sha256) {
        this.logger.error(`${path} does not match its attachment's SHA-256: not copied`);
        continue;
      }
      // Another node may copy the same file at the same time (a shared DATA_DIR).
      await this.dataSource.query('INSERT INTO request_attachment_contents (attachment_id, bytes) VALUES ($1, $2) ON CONFLICT DO NOTHING', [attachment.id, bytes]);
      copied += 1;
    }
    if (copied > 0) this.logger.log(`copied ${copied} attachment files from ${this.legacyRoot} into the database`);
    if (missing.length > copied) this.logger.warn(`${missing.length - copied} attachments have no bytes (their files are not under ${this.legacyRoot})`);
  }
}
