// Entry point of `warden` (bundled into cli/dist/main.js; `npm run warden` runs it via tsx).
import { run } from './program.ts';

await run();
