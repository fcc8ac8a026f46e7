import type { Plugin } from 'vite';

/**
 * Vite's dev server injects inline <style> tags and a websocket for hot reload, which the
 * production CSP rightly forbids. Only while serving in development, widen exactly those two.
 */
export function cspDevPlugin(): Plugin {
  return {
    name: 'quartile-csp-dev',
    apply: 'serve',
    transformIndexHtml(html) {
      return html
        .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
        .replace("connect-src 'self'", "connect-src 'self' ws://localhost:* ws://127.0.0.1:*");
    },
  };
}
