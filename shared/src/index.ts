export * from './api/errors';
export * from './auth/navigation';
export * from './auth/roles';
export * from './auth/schemas';
export * from './desktop/bridge';
export * from './health/schemas';
