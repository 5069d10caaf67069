import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigService } from '@nestjs/config';
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
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const secret = randomBytes(48).toString('base64url');
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** NODE_NAME, or the hostname and process id: unique for every process on every host, readable in logs. */
export function resolveNodeName(environment: Environment): string {
  if (environment.NODE_NAME) return environment.NODE_NAME;
  const host = hostname().replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 50) || 'node';
  return `${host}-${process.pid}`;
}

export async function resolveSettings(environment: Environment, databaseUrl: string): Promise<Settings> {
  const dataDir = resolve(environment.DATA_DIR);
  await mkdir(dataDir, { recursive: true });
  return {
    ...environment,
    DATA_DIR: dataDir,
    databaseUrl,
    jwtSecret: await resolveJwtSecret(environment, dataDir),
    nodeName: resolveNodeName(environment),
    clusterMode: environment.REDIS_URL !== undefined,
  };
}
