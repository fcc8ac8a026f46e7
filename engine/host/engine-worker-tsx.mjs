// Entry for the engine worker when the host runs from TypeScript sources (browser host, tests):
// worker threads do not inherit tsx's loader, so register it here, then load the real worker.
// The Electron build bundles engine-worker.ts to JavaScript and does not use this file.
import { register } from 'tsx/esm/api';

register();
await import('./engine-worker.ts');
