import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CreateOpen311Client, IssuedOpen311Key, Open311Client, Open311ClientList, UpdateOpen311Client } from '@receptivo/shared';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { conflict, notFound } from '../common/api-exception';
import { Clock } from '../common/clock';
import { UNIQUE_VIOLATION, databaseRefusal } from '../common/database-errors';

/** A client application as the API for Open311 knows it when its key is presented. */
export interface Open311ClientApp {
  id: string;
  name: string;
}

interface ClientRow {
  id: string;
  name: string;
  active: boolean;
  created_at: Date;
  created_by_name: string | null;
  last_used_at: Date | null;
}

const CLIENT_SELECT = `
  SELECT c.id, c.name, c.active, c.created_at, u.name AS created_by_name, c.last_used_at
    FROM open311_clients c LEFT JOIN users u ON u.id = c.created_by`;

const toClient = (row: ClientRow): Open311Client => ({
  id: row.id,
  name: row.name,
  active: row.active,
  createdAt: row.created_at.toISOString(),
  createdBy: row.created_by_name,
  lastUsedAt: row.last_used_at?.toISOString() ?? null,
});

/** Only the digest is stored: a copy of the table lets nobody post as an application. */
const digestOf = (apiKey: string) => createHash('sha256').update(apiKey, 'utf8').digest('hex');

const nameTaken = () => conflict('Já existe um aplicativo com este nome.', { name: 'Já existe um aplicativo com este nome.' });

/** The client applications allowed to post Open311 requests, and the check of their api_key. */
@Injectable()
export class Open311ClientsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<Open311ClientList> {
    const rows = await this.dataSource.query<ClientRow[]>(`${CLIENT_SELECT} ORDER BY c.active DESC, lower(c.name)`);
    return { items: rows.map(toClient) };
  }

  /** The key goes back this once; 256 random bits, so guessing one is hopeless. */
  async create({ name }: CreateOpen311Client, admin: AuthenticatedUser): Promise<IssuedOpen311Key> {
    const apiKey = randomBytes(32).toString('base64url');
    try {
      const [{ id }] = await this.dataSource.query<{ id: string }[]>(
        'INSERT INTO open311_clients (name, key_sha256, created_at, created_by) VALUES ($1, $2, $3, $4) RETURNING id',
        [name, digestOf(apiKey), this.clock.now(), admin.id],
      );
      return { client: await this.get(id), apiKey };
    } catch (error) {
      if (databaseRefusal(error)?.code === UNIQUE_VIOLATION) throw nameTaken();
      throw error;
    }
  }

  async update(id: string, patch: UpdateOpen311Client): Promise<Open311Client> {
    try {
      const [, changed] = await this.dataSource.query<[unknown[], number]>(
        'UPDATE open311_clients SET name = coalesce($2, name), active = coalesce($3, active) WHERE id = $1',
        [id, patch.name ?? null, patch.active ?? null],
      );
      if (changed === 0) throw notFound('Aplicativo');
    } catch (error) {
      if (databaseRefusal(error)?.code === UNIQUE_VIOLATION) throw nameTaken();
      throw error;
    }
    return this.get(id);
  }

  /**
   * The active application holding this key, now marked as just used; undefined for a missing, wrong
   * or deactivated key. The lookup is by digest, so no comparison of secrets happens here.
   */
  async authenticate(apiKey: string | undefined): Promise<Open311ClientApp | undefined> {
    if (!apiKey) return undefined;
    const [rows] = await this.dataSource.query<[Open311ClientApp[], number]>(
      'UPDATE open311_clients SET last_used_at = $2 WHERE key_sha256 = $1 AND active RETURNING id, name',
      [digestOf(apiKey), this.clock.now()],
    );
    return rows[0];
  }

  private async get(id: string): Promise<Open311Client> {
    const [row] = await this.dataSource.query<ClientRow[]>(`${CLIENT_SELECT} WHERE c.id = $1`, [id]);
    if (!row) throw notFound('Aplicativo');
    return toClient(row);
  }
}
