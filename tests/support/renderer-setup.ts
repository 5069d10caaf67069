import '@testing-library/jest-dom';

// Typing through user-event into a form React renders again at each key is slow in jsdom: in a full
// run on a slow host (December 6), attendance-desk's registration of a caller took over jest's
// default 5 s while the suite's server and browser tests held both cores.
jest.setTimeout(20_000);
