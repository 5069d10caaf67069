// Server and browser tests start real processes and hash real passwords, and renderer tests type
// through user-event into forms React renders again at each key (over jest's 5 s in jsdom while the
// other worker runs a server and a browser): give them time.
// (A project's own `testTimeout` is not honoured by jest 30; the global one would slow every unit test's failure.)
jest.setTimeout(60_000);
