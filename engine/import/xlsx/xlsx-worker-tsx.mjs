// Entry for the XLSX worker when the app runs from TypeScript sources (browser host, tests):
// worker threads do not inherit tsx's loader, so register it here, then load the real worker.
// A bundled build starts xlsx-worker.js directly and does not use this file.
import { register } from 'tsx/esm/api';

register();
await import('./xlsx-worker.ts');
