import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface DirectoryUser {
  id: string;
  name: string;
  username: string;
  extension: string;
}

/**
 * Extension ↔ user, read from the users table at each call so an extension an admin just moved
 * rings the right desk (one indexed lookup: the partial unique index on active extensions).
 */
@Injectable()
export class AgentDirectory {
  constructor(private readonly dataSource: DataSource) {}

  async byExtension(extension: string): Promise<DirectoryUser | null> {
    const [user] = await this.dataSource.query<DirectoryUser[]>(
      'SELECT id, name, username, extension FROM users WHERE extension = $1 AND active',
      [extension],
    );
    return user ?? null;
  }

  async extensionOf(userId: string): Promise<string | null> {
    const [user] = await this.dataSource.query<{ extension: string | null }[]>('SELECT extension FROM users WHERE id = $1 AND active', [userId]);
    return user?.extension ?? null;
  }

  async all(): Promise<DirectoryUser[]> {
    return this.dataSource.query<DirectoryUser[]>(
      'SELECT id, name, username, extension FROM users WHERE extension IS NOT NULL AND active ORDER BY extension',
    );
  }
}
