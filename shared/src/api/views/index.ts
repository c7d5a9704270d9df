// The REST views the server sends and the editor reads: the server's view classes implement these.
export * from './flow.view';
export * from './flow-analytics.view';
export * from './page.view';
export * from './instagram-account.view';
export * from './instagram-media.view';
