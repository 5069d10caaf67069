import { Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import { DataSource } from 'typeorm';
import { UserChanges } from '../auth/user-changes';
import { ApiException } from '../common/api-exception';

export interface DirectoryUser {
  id: string;
  name: string;
  username: string;
  extension: string;
}

/** A miss reloads the table at most this often: users written outside UsersService (seeds, SQL). */
const RELOAD_ON_MISS_AFTER_MS = 5_000;

/**
 * Extension ↔ user of the active users, kept in memory because every screen-pop and agent state
 * needs it, and reloaded as soon as a user is created or edited (an extension moved to another
 * attendant rings the right desk at the next call).
 */
@Injectable()
export class AgentDirectory implements OnApplicationBootstrap, OnModuleDestroy {
  private byExtensionCache: Promise<Map<string, DirectoryUser>> | undefined;
  private loadedAt = 0;
  private lastLoaded: Map<string, DirectoryUser> | undefined;
  /** The users read by the current load, once it answered (none while a reload is due or running). */
  private current: Map<string, DirectoryUser> | undefined;
  private readonly subscription: Subscription;

  constructor(
    private readonly dataSource: DataSource,
    changes: UserChanges,
  ) {
    this.subscription = changes.stale$.subscribe(() => this.forget());
  }

  /** Users changed (here or on another node): the next look-up reads them again. */
  private forget(): void {
    this.byExtensionCache = undefined;
    this.current = undefined;
  }

  /** Read once at start, so the first pops after a restart ring even if the database is away by then. */
  async onApplicationBootstrap(): Promise<void> {
    await this.load().catch(() => undefined);
  }

  onModuleDestroy(): void {
    this.subscription.unsubscribe();
  }

  /** The extension's user when the directory already holds it, without waiting; undefined otherwise (ask byExtension). */
  knownByExtension(extension: string): DirectoryUser | undefined {
    return this.current?.get(extension);
  }

  /** The extension's active user, or a 400 naming the `extension` field: a request that names a desk nobody sits at. */
  async requireByExtension(extension: string): Promise<DirectoryUser> {
    const user = await this.byExtension(extension);
    if (user) return user;
    const message = `Nenhum usuário ativo tem o ramal ${extension}.`;
    throw new ApiException(400, 'VALIDATION_FAILED', message, { extension: message });
  }

  async byExtension(extension: string): Promise<DirectoryUser | null> {
    return this.find((users) => users.get(extension));
  }

  async extensionOf(userId: string): Promise<string | null> {
    const user = await this.find((users) => [...users.values()].find((candidate) => candidate.id === userId));
    return user?.extension ?? null;
  }

  async all(): Promise<DirectoryUser[]> {
    return [...(await this.load()).values()];
  }

  /** The active users with an extension, by extension. */
  usersByExtension(): Promise<ReadonlyMap<string, DirectoryUser>> {
    return this.load();
  }

  /** usersByExtension() when the directory already holds them, without waiting; undefined otherwise. */
  knownUsersByExtension(): ReadonlyMap<string, DirectoryUser> | undefined {
    return this.current;
  }

  private async find(pick: (users: Map<string, DirectoryUser>) => DirectoryUser | undefined): Promise<DirectoryUser | null> {
    const found = pick(await this.load());
    if (found || Date.now() - this.loadedAt < RELOAD_ON_MISS_AFTER_MS) return found ?? null;
    this.forget();
    return pick(await this.load()) ?? null;
  }

  private load(): Promise<Map<string, DirectoryUser>> {
    if (!this.byExtensionCache) {
      this.loadedAt = Date.now();
      const loading = this.dataSource
        .query<DirectoryUser[]>('SELECT id, name, username, extension FROM users WHERE extension IS NOT NULL AND active ORDER BY extension')
        .then((users) => {
          this.lastLoaded = new Map(users.map((user) => [user.extension, user]));
          if (this.byExtensionCache === loading) this.current = this.lastLoaded;
          return this.lastLoaded;
        })
        .catch((error: unknown) => {
          // A failed load is not kept: the next call asks the database again. Meanwhile (an outage)
          // the users last read still ring their desks: a pop must not wait for PostgreSQL.
          if (this.byExtensionCache === loading) this.byExtensionCache = undefined;
          if (this.lastLoaded) return this.lastLoaded;
          throw error;
        });
      this.byExtensionCache = loading;
    }
    return this.byExtensionCache;
  }
}
