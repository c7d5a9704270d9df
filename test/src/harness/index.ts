export * from './database';
export * from './ports';
export * from './redis-process';
export * from './server-process';
export * from './http';
export * from './cli';
export * from './http-recorder';
export * from './action-api';
