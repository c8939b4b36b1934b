export * from './define';
export * from './schemas';
export * from './channels';
export * from './events';
export * from './api';
export * from './jobs';
export * from './importJobs';
export * from './importChannels';
