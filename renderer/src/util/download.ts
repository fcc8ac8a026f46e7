/**
 * Saves text as a file through a Blob URL and a temporary `<a download>`; works in Electron and
 * in the browser host, and needs no permission. A BOM is prepended to CSV so that Excel opens
 * UTF-8 (Chinese names) correctly.
 */
export function downloadText(fileName: string, text: string, mime = 'text/csv;charset=utf-8'): void {
  const withBom = mime.startsWith('text/csv') && !text.startsWith('\uFEFF') ? `\uFEFF${text}` : text;
  const url = URL.createObjectURL(new Blob([withBom], { type: mime }));
  downloadUrl(url, fileName);
  // Give the browser a moment to start the download before the URL goes away.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Starts the download of a URL under a file name, through a temporary `<a download>`. */
export function downloadUrl(url: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.hidden = true;
  document.body.appendChild(a);
  a.click();
  a.remove();
}
