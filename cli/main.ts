// Entry point of `warden` (bundled into dist/warden.mjs; `npm run warden` runs it via tsx).
import { run } from './program.ts';

await run();
