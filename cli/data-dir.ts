// Where the storage commands (server, init) find the database by default.
export const defaultDataDir = (): string => process.env.WARDEN_DATA_DIR || '.warden';
