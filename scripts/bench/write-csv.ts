import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/** The benches' generated CSV files: a header, then `rows` lines, written in 1 MB pieces. */
export async function writeCsv(
  file: string,
  header: string,
  rows: number,
  row: (i: number) => string,
): Promise<void> {
  const out = createWriteStream(file);
  out.write(`${header}\n`);
  let buffer = '';
  for (let i = 0; i < rows; i++) {
    buffer += `${row(i)}\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.write(buffer);
  out.end();
  await once(out, 'finish');
}
