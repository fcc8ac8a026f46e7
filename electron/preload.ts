import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { API_METHODS, type ApiEvent, type ApiMethod } from '../shared/api/contract';
import type { PreloadApi } from '../shared/api/preload-api';

/**
 * The only bridge between the page and the app: one function per API method, each sending to its
 * own channel, plus an event subscription. The page never sees ipcRenderer.
 */
const methods = Object.freeze(
  Object.fromEntries(
    API_METHODS.map((method: ApiMethod) => [
      method,
      (request: unknown) => ipcRenderer.invoke(`qc:${method}`, request),
    ]),
  ),
) as PreloadApi['methods'];

const api: PreloadApi = {
  methods,
  onEvent: (listener) => {
    const handler = (_event: IpcRendererEvent, payload: ApiEvent): void => listener(payload);
    ipcRenderer.on('qc:event', handler);
    return () => {
      ipcRenderer.removeListener('qc:event', handler);
    };
  },
};

contextBridge.exposeInMainWorld('quartile', api);
