// Programmatic entry of @wardenhq/cli: run the reference server or the command line from
// code (tests, bootstrap scripts). The command line itself is bin/warden.js.
export { startServer } from '../server/start.ts';
export type { StartOptions, RunningServer } from '../server/start.ts';
export { run } from './program.ts';
