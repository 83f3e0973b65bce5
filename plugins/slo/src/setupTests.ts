import '@testing-library/jest-dom';

// Component tests render real recharts charts in jsdom; on a shared 2-core
// machine one test can take several seconds, which is not a failure.
jest.setTimeout(30_000);
