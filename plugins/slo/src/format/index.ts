export * from './formatNumbers';
export * from './formatTime';
