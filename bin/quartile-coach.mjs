#!/usr/bin/env node
// The CLI runs the engine's TypeScript directly through tsx, so `npx quartile-coach` works right
// after `npm install` with no build step, and uses exactly the code the app uses.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
await main(process.argv.slice(2));
