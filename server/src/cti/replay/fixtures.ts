import { join } from 'node:path';

/**
 * The recorded Asterisk sessions kept in the repository (tests/fixtures, format in its README):
 * the same depth from server/src/cti/replay and server/dist/cti/replay.
 */
const FIXTURES_ROOT = join(__dirname, '..', '..', '..', '..', 'tests', 'fixtures');

/** One scenario per file; tests read the whole folder. */
export const AMI_FIXTURES_DIR = join(FIXTURES_ROOT, 'ami');

/** Large recordings for benchmarks and burst tests, kept apart from the scenarios. */
export const AMI_LOAD_FIXTURES_DIR = join(FIXTURES_ROOT, 'ami-load');

/** A recorded scenario by name: `transcript('inbound-answered')`. */
export const transcript = (name: string) => join(AMI_FIXTURES_DIR, `${name}.ami`);
