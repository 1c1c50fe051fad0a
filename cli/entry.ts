// Bundle entry for dist/warden.mjs.
import { main } from './main.ts';

await main();
