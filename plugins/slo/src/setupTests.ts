import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Component tests render real recharts charts in jsdom; on a shared 2-core
// machine a render can take seconds, which is slow but not a failure.
jest.setTimeout(30_000);
configure({ asyncUtilTimeout: 10_000 });
