import { closeOperators } from './operator-cli';

// Every suite file ends its operator batch processes and the operator's sandbox (jest.config.js setupFilesAfterEnv).
afterAll(closeOperators);
