import type { HostBridge } from '../../../shared/api/contract';
import type { PreloadApi } from '../../../shared/api/preload-api';
import { createElectronBridge } from './electron-bridge';
import { createWebBridge } from './web-bridge';

/** Electron when its preload exposed `window.quartile`, else the local browser host. */
export function createBridge(): HostBridge {
  const preload: PreloadApi | undefined = window.quartile;
  return preload ? createElectronBridge(preload) : createWebBridge();
}
