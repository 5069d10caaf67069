import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { EntityManager } from 'typeorm';
import type { Role } from '@receptivo/shared';
import { writePrivateFile } from '../common/private-files';
import type { Settings } from '../config/settings';
import { type DemoSeeder, Seeder } from '../database/seeding/seeder';
import { generatePassword, hashPassword } from './passwords';
import { UserEntity } from './user.entity';

const initialUsers: { role: Role; username: string; name: string; extension: string | null }[] = [
  { role: 'admin', username: 'admin', name: 'Administrador do Sistema', extension: null },
  { role: 'supervisor', username: 'supervisor', name: 'Sandra Supervisora', extension: null },
  { role: 'attendant', username: 'atendente', name: 'Ana Atendente', extension: '1001' },
  { role: 'backoffice', username: 'retaguarda', name: 'Rui Retaguarda', extension: null },
];

export const CREDENTIALS_FILE = 'initial-credentials.txt';

/** One user per role with a generated password, kept in DATA_DIR (0600) for the installer. */
@Injectable()
@Seeder({ name: 'initial-users', order: 0 })
export class UsersSeeder implements DemoSeeder {
  constructor(private readonly config: ConfigService<Settings, true>) {}

  async seed(manager: EntityManager): Promise<void> {
    const lines: string[] = [];
    for (const user of initialUsers) {
      const password = generatePassword();
      await manager.insert(UserEntity, { ...user, passwordHash: await hashPassword(password) });
      lines.push(`${user.role} ${user.username} ${password}`);
    }
    const file = join(this.config.get('DATA_DIR', { infer: true }), CREDENTIALS_FILE);
    await writePrivateFile(file, `${lines.join('\n')}\n`);
    // The passwords never go to the log stream (it may be collected and kept): only where they are.
    if (this.config.get('LOG_LEVEL', { infer: true }) === 'silent') return;
    process.stdout.write(`\nInitial users created (${initialUsers.map((user) => user.username).join(', ')}): their passwords are in ${file}, readable only by this account.\n\n`);
  }
}
