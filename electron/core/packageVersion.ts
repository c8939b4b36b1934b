import pkg from '../../package.json' with { type: 'json' };

export const packageVersion = (): string => pkg.version;
