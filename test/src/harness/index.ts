// mcp-client is imported by the suites that speak MCP, not from here: its SDK costs every other suite a third of a
// second of CPU to load.

export * from './database';
export * from './ports';
export * from './redis-process';
export * from './server-process';
export * from './http';
export * from './cli';
export * from './http-recorder';
export * from './tls';
export * from './action-api';
export * from './wait-for';
export * from './load-scaled';
export * from './sandboxed-server';
export * from './seed';
export * from './openapi';
export * from './rest-resources';
export * from './inbox';
export * from './postgres-process';
export * from './prometheus';
export * from './instagram-login';
export * from './health-watch';
export * from './people';
export * from './broadcast-audience';
export * from './operator-cli';
