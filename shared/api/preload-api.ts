import type { ApiEvent, ApiMethod, ApiRequest, ApiResponse } from './contract';
import type { Result } from '../result';

/**
 * Exactly what the Electron preload puts on `window.quartile`: one function per API method and an
 * event subscription. No generic send, no ipcRenderer, nothing else reaches the page.
 */
export type PreloadApi = {
  readonly methods: {
    readonly [M in ApiMethod]: (request: ApiRequest<M>) => Promise<Result<ApiResponse<M>>>;
  };
  readonly onEvent: (listener: (event: ApiEvent) => void) => () => void;
};

declare global {
  interface Window {
    quartile?: PreloadApi;
  }
}
