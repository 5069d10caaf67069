// Server and browser tests start real processes and hash real passwords: give them time.
// (A project's own `testTimeout` is not honoured by jest 30; the global one would slow every unit test's failure.)
jest.setTimeout(60_000);
