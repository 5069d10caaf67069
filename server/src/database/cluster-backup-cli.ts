// `node server/dist/database/cluster-backup-cli.js <DATA_DIR> <archive.tar> [file…]`, run by
// deploy/backup/receptivo-backup: the embedded cluster and those files of DATA_DIR into one tar (cluster-backup.ts).
import { backupEmbeddedCluster } from './cluster-backup';

const [dataDir, archive, ...files] = process.argv.slice(2);
if (!dataDir || !archive) {
  process.stderr.write('Usage: node cluster-backup-cli.js <DATA_DIR> <archive.tar> [file...]\n');
  process.exit(2);
}
backupEmbeddedCluster(dataDir, archive, files).then(
  ({ online }) => process.stdout.write(online ? 'copied while running\n' : 'copied while stopped\n'),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
