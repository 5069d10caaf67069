export * from './schemas';
export * from './tables';
