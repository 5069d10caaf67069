export default async function globalTeardown() {
  await globalThis.__RECEPTIVO_TEST_POSTGRES__?.stop();
}
