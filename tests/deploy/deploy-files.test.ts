import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { environmentSchema, readEnvironment } from '../../server/src/config/environment';
import { ROOT, SERVER_NODE_FLAGS } from '../support/server-process';
import { systemBinary } from '../support/system-binary';

/**
 * The files of deploy/ that docs/deploy.md installs: the environment file template against the
 * server's settings, the systemd units through systemd's own checker, the nginx site through nginx's.
 */

const run = promisify(execFile);
const DEPLOY = join(ROOT, 'deploy');
const read = (path: string) => readFileSync(join(DEPLOY, path), 'utf8');

/** The template's settings: `KEY=value` lines, set or commented out; a value in single quotes as systemd reads it. */
function templateSettings(text: string): { name: string; value: string; set: boolean }[] {
  return text
    .split('\n')
    .map((line) => /^(#?)([A-Z][A-Z0-9_]*)=(.*)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map(([, comment, name, value]) => ({ name, value: value.replace(/^'(.*)'$/, '$1'), set: comment === '' }));
}

/** A systemd unit file: section → key → values in order (a key may repeat; an empty value is kept). */
function unitFile(text: string): Map<string, Map<string, string[]>> {
  const sections = new Map<string, Map<string, string[]>>();
  let current: Map<string, string[]> | undefined;
  for (const line of text.split('\n').map((raw) => raw.trim())) {
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) sections.set(header[1], (current = new Map()));
    else {
      const equals = line.indexOf('=');
      const key = line.slice(0, equals).trim();
      current!.set(key, [...(current!.get(key) ?? []), line.slice(equals + 1).trim()]);
    }
  }
  return sections;
}

describe('deploy/receptivo.env.example', () => {
  const settings = templateSettings(read('receptivo.env.example'));
  const shape = environmentSchema.in.shape;

  it('names every setting the server reads, once, and nothing else', () => {
    const names = settings.map((setting) => setting.name);
    expect([...names].sort()).toEqual(Object.keys(shape).sort());
  });

  it('starts a server as written, and each example value is one the server accepts', () => {
    const set = Object.fromEntries(settings.filter((setting) => setting.set).map((setting) => [setting.name, setting.value]));
    expect(readEnvironment(set)).toMatchObject({ DATA_DIR: '/var/lib/receptivo', HOST: '127.0.0.1', TRUSTED_PROXIES: ['loopback'] });
    for (const { name, value } of settings.filter((setting) => setting.value !== '')) {
      const result = shape[name as keyof typeof shape].safeParse(value);
      expect({ name, value, accepted: result.success }).toEqual({ name, value, accepted: true });
    }
  });
});

describe('deploy/*.service and *.timer (systemd)', () => {
  const server = unitFile(read('receptivo.service')).get('Service')!;
  const backup = unitFile(read('receptivo-backup.service')).get('Service')!;
  const timer = unitFile(read('receptivo-backup.timer'));
  const one = (section: Map<string, string[]>, key: string) => section.get(key)?.at(-1);

  it('runs the built server as its own user, DATA_DIR under /var/lib, restarted on failure, with the settings file', () => {
    expect(one(server, 'User')).toBe('receptivo');
    expect(one(server, 'StateDirectory')).toBe('receptivo');
    expect(server.get('Environment')!.join(' ')).toContain('DATA_DIR=/var/lib/receptivo');
    expect(one(server, 'EnvironmentFile')).toBe('/etc/receptivo/receptivo.env');
    // With the Node flags npm start uses.
    expect(SERVER_NODE_FLAGS).toEqual(['--min-semi-space-size=64', '--max-semi-space-size=64', '--expose-gc']);
    expect(one(server, 'ExecStart')).toBe(`/usr/bin/node ${SERVER_NODE_FLAGS.join(' ')} /opt/receptivo/server/dist/main.js`);
    expect(existsSync(join(ROOT, 'server', 'dist', 'main.js'))).toBe(true);
    expect(one(server, 'Restart')).toBe('on-failure');
    // SIGTERM to the server alone, which stops its embedded PostgreSQL itself.
    expect(one(server, 'KillMode')).toBe('mixed');
  });

  it('confines both services: no privileges, a read-only system but for their own folders', () => {
    for (const [unit, writable] of [
      [server, '/var/lib/receptivo'],
      [backup, '/var/backups/receptivo'],
    ] as const) {
      expect({
        NoNewPrivileges: one(unit, 'NoNewPrivileges'),
        CapabilityBoundingSet: one(unit, 'CapabilityBoundingSet'),
        ProtectSystem: one(unit, 'ProtectSystem'),
        ProtectHome: one(unit, 'ProtectHome'),
        PrivateTmp: one(unit, 'PrivateTmp'),
        ReadWritePaths: one(unit, 'ReadWritePaths'),
        UMask: one(unit, 'UMask'),
      }).toEqual({ NoNewPrivileges: 'yes', CapabilityBoundingSet: '', ProtectSystem: 'strict', ProtectHome: 'yes', PrivateTmp: 'yes', ReadWritePaths: writable, UMask: '0077' });
    }
  });

  it('backs up daily as the server user with the same settings, the script in place and executable', () => {
    expect({ user: one(backup, 'User'), type: one(backup, 'Type'), envFile: one(backup, 'EnvironmentFile') }).toEqual({ user: 'receptivo', type: 'oneshot', envFile: '/etc/receptivo/receptivo.env' });
    expect(one(backup, 'ExecStart')).toBe('/opt/receptivo/deploy/backup/receptivo-backup');
    accessSync(join(DEPLOY, 'backup', 'receptivo-backup'), constants.X_OK);
    accessSync(join(DEPLOY, 'backup', 'receptivo-restore'), constants.X_OK);
    expect({ calendar: one(timer.get('Timer')!, 'OnCalendar'), persistent: one(timer.get('Timer')!, 'Persistent') }).toEqual({ calendar: expect.any(String), persistent: 'true' });
  });

  it('passes systemd-analyze verify without a warning, and its security review with a low exposure', async () => {
    const analyze = systemBinary('systemd-analyze', 'systemd');
    const folder = await mkdtemp(join(tmpdir(), 'receptivo-units-'));
    try {
      // Installed, /opt/receptivo is this repository and /usr/bin/node this node: verify checks that the commands exist.
      for (const name of ['receptivo.service', 'receptivo-backup.service', 'receptivo-backup.timer']) {
        await writeFile(join(folder, name), read(name).replaceAll('/opt/receptivo', ROOT).replaceAll('/usr/bin/node', process.execPath));
      }
      const units = ['receptivo.service', 'receptivo-backup.service', 'receptivo-backup.timer'].map((name) => join(folder, name));
      const verified = await run(analyze, ['verify', ...units]);
      // verify exits 0 on unknown keys and bad values too: its warnings are the failures.
      expect(`${verified.stdout}${verified.stderr}`).toBe('');
      const security = await run(analyze, ['security', '--offline=true', '--no-pager', join(folder, 'receptivo.service')]);
      const exposure = Number(/Overall exposure level for receptivo\.service: ([\d.]+)/.exec(security.stdout)?.[1]);
      expect(exposure).toBeLessThan(2.5);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});

describe('deploy/nginx/receptivo.conf', () => {
  const site = read('nginx/receptivo.conf');

  it('proxies to the server where the environment file puts it, upgrading /socket.io/ to a websocket', () => {
    const settings = Object.fromEntries(templateSettings(read('receptivo.env.example')).filter((setting) => setting.set).map((setting) => [setting.name, setting.value]));
    expect(site).toContain(`server ${settings.HOST}:${settings.PORT};`);
    const socketIo = /location \/socket\.io\/ \{([^}]*)\}/.exec(site)![1];
    expect(socketIo).toContain('proxy_set_header Upgrade $http_upgrade;');
    expect(socketIo).toContain('proxy_set_header Connection $connection_upgrade;');
    // TRUSTED_PROXIES=loopback believes X-Forwarded-For: every location that proxies must set it, or a client's own would pass.
    for (const location of site.matchAll(/location [^{]+\{([^}]*)\}/g)) {
      if (location[1].includes('proxy_set_header')) expect(location[1]).toContain('proxy_set_header X-Forwarded-For $remote_addr;');
    }
  });

  it('is accepted by nginx -t, with certificate files in place of the placeholders', async () => {
    const nginx = systemBinary('nginx', 'nginx');
    const folder = await mkdtemp(join(tmpdir(), 'receptivo-nginx-site-'));
    try {
      await chmod(folder, 0o755);
      await run(systemBinary('openssl', 'openssl'), ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=atendimento.example.gov.br', '-keyout', join(folder, 'key.pem'), '-out', join(folder, 'cert.pem')]);
      const certificate = /ssl_certificate\s+(\S+);/.exec(site)![1];
      const key = /ssl_certificate_key\s+(\S+);/.exec(site)![1];
      await writeFile(join(folder, 'site.conf'), site.replace(certificate, join(folder, 'cert.pem')).replace(key, join(folder, 'key.pem')));
      const temp = (name: string) => `${name}_temp_path ${join(folder, name)};`;
      await writeFile(
        join(folder, 'nginx.conf'),
        `pid ${join(folder, 'nginx.pid')};\nerror_log stderr;\nevents {}\nhttp {\n  access_log off;\n  ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join('\n  ')}\n  include ${join(folder, 'site.conf')};\n}\n`,
      );
      // -t parses everything and opens the certificates, but binds no port.
      const tested = await run(nginx, ['-t', '-p', folder, '-c', join(folder, 'nginx.conf'), '-e', 'stderr']);
      expect(tested.stderr).toContain('test is successful');
      expect(tested.stderr).not.toMatch(/\[(warn|emerg|alert|crit)\]/);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});

describe('deploy/backup scripts', () => {
  it('are bash that stops at the first failure, and parse', async () => {
    for (const name of ['receptivo-backup', 'receptivo-restore']) {
      const text = read(join('backup', name));
      expect(text.split('\n')[0]).toBe('#!/usr/bin/env bash');
      expect(text).toMatch(/^set -euo pipefail$/m);
      await run('bash', ['-n', join(DEPLOY, 'backup', name)]);
    }
  });
});
