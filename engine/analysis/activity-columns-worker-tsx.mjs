// Entry for the activity columns worker when the app runs from TypeScript sources (browser host,
// CLI, tests): worker threads do not inherit tsx's loader, so register it here, then load the
// real worker. A bundled build starts activity-columns-worker.js directly.
import { register } from 'tsx/esm/api';

register();
await import('./activity-columns-worker.ts');
