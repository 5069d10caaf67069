import { readdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigService } from '@nestjs/config';
import { PRIVATE_FOLDER_MODE, makePrivateFolder, makeTreePrivate, readOrCreateSecret } from '../common/private-files';
import type { Environment } from './environment';

/** The environment once resolved: absolute folders, the database in use, the signing secret and this node's name. */
export interface Settings extends Environment {
  DATA_DIR: string;
  databaseUrl: string;
  jwtSecret: string;
  nodeName: string;
  /** REDIS_URL is set: this process is one node of several. */
  clusterMode: boolean;
}

export type SettingsService = ConfigService<Settings, true>;

/** JWT_SECRET, or a secret generated once into DATA_DIR so tokens survive restarts. */
export async function resolveJwtSecret(environment: Environment, dataDir: string): Promise<string> {
  if (environment.JWT_SECRET) return environment.JWT_SECRET;
  return readOrCreateSecret(join(dataDir, 'jwt-secret'), 48);
}

/**
 * DATA_DIR's mode: 0700; 0711 when the embedded PostgreSQL runs under root, as it then runs as the
 * OS user `postgres`, who must pass through DATA_DIR to its cluster (passing lists nothing, and
 * every file in DATA_DIR is 0600).
 */
export function dataFolderMode(embeddedPostgres: boolean): number {
  return embeddedPostgres && process.getuid?.() === 0 ? 0o711 : PRIVATE_FOLDER_MODE;
}

/**
 * DATA_DIR private, and whatever an earlier version left in it readable by others (`.eml` files,
 * attachments) made private too. PostgreSQL keeps its own cluster folder private.
 */
async function makeDataFolderPrivate(dataDir: string, embeddedPostgres: boolean): Promise<void> {
  await makePrivateFolder(dataDir, dataFolderMode(embeddedPostgres));
  for (const name of await readdir(dataDir)) if (name !== 'postgres') await makeTreePrivate(join(dataDir, name));
}

/** NODE_NAME, or the hostname and process id: unique for every process on every host, readable in logs. */
export function resolveNodeName(environment: Environment): string {
  if (environment.NODE_NAME) return environment.NODE_NAME;
  const host = hostname().replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 50) || 'node';
  return `${host}-${process.pid}`;
}

export async function resolveSettings(environment: Environment, databaseUrl: string): Promise<Settings> {
  const dataDir = resolve(environment.DATA_DIR);
  await makeDataFolderPrivate(dataDir, environment.DATABASE_URL === undefined);
  return {
    ...environment,
    DATA_DIR: dataDir,
    databaseUrl,
    jwtSecret: await resolveJwtSecret(environment, dataDir),
    nodeName: resolveNodeName(environment),
    clusterMode: environment.REDIS_URL !== undefined,
  };
}
