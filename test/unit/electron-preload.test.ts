import { beforeEach, describe, expect, it, vi } from 'vitest';
import { API_METHODS } from '../../shared/api/contract';
import type { PreloadApi } from '../../shared/api/preload-api';

/**
 * The preload under Node with a stand-in for the `electron` module: what it puts on the page, and
 * which channel each call takes (electron-bundle.test.ts checks the built preload is one CommonJS file).
 */
const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: vi.fn<(channel: string, request: unknown) => Promise<unknown>>(),
  getPathForFile: vi.fn<(file: unknown) => string>(),
}));

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => electron.exposed.set(key, api),
  },
  ipcRenderer: { invoke: electron.invoke, on: vi.fn(), removeListener: vi.fn() },
  webUtils: { getPathForFile: electron.getPathForFile },
}));

await import('../../electron/preload');
const api = electron.exposed.get('quartile') as PreloadApi;

beforeEach(() => {
  electron.invoke.mockReset().mockResolvedValue({ ok: true, value: 'staged' });
  electron.getPathForFile.mockReset();
});

describe('the preload bridge', () => {
  it('exposes one function per page method, stageFile and onEvent, and nothing else', () => {
    expect([...electron.exposed.keys()]).toEqual(['quartile']);
    expect(Object.keys(api).sort()).toEqual([
      'methods',
      'onEvent',
      'savePrintedFile',
      'savePrintedFiles',
      'stageFile',
    ]);
    expect(Object.keys(api.methods).sort()).toEqual([...API_METHODS].sort());
    // No function takes a path from the page.
    expect(Object.keys(api.methods)).not.toContain('import.stagePath');
    expect(Object.isFrozen(api.methods)).toBe(true);
  });

  it('saves a printed PDF by job and file name on its own channel, with no path', async () => {
    await api.savePrintedFile('job-1', 'Ann Lee.pdf');
    expect(electron.invoke).toHaveBeenCalledWith('qc:reports.save', {
      jobId: 'job-1',
      fileName: 'Ann Lee.pdf',
    });
  });

  it('saves every PDF of a job by job and file names on its own channel, with no path', async () => {
    await api.savePrintedFiles('job-1', ['Ann Lee.pdf', 'all-dossiers.pdf']);
    expect(electron.invoke).toHaveBeenCalledWith('qc:reports.saveAll', {
      jobId: 'job-1',
      fileNames: ['Ann Lee.pdf', 'all-dossiers.pdf'],
    });
  });

  it('sends each method on its own channel', async () => {
    await api.methods['rankings.get']({ period: '2017' });
    expect(electron.invoke).toHaveBeenCalledWith('qc:rankings.get', { period: '2017' });
  });

  it('stages a dropped or picked file by a one-time token for its path, reading only the sample main asks for', async () => {
    const content = 'a,b\n1,2\n3,4\n';
    const file = new File([content], 'deals.csv');
    const arrayBuffer = vi.spyOn(file, 'arrayBuffer');
    electron.getPathForFile.mockReturnValue('/home/ana/Downloads/deals.csv');
    electron.invoke.mockImplementation((channel) =>
      Promise.resolve(
        channel === 'qc:import.choosePath'
          ? {
              ok: true,
              value: {
                token: 't1',
                ranges: [
                  [0, 3],
                  [8, 12],
                ],
              },
            }
          : { ok: true, value: 'staged' },
      ),
    );
    expect(await api.stageFile(file)).toEqual({ ok: true, value: 'staged' });
    expect(electron.getPathForFile).toHaveBeenCalledWith(file);
    expect(electron.invoke.mock.calls).toEqual([
      ['qc:import.choosePath', { path: '/home/ana/Downloads/deals.csv', fileName: 'deals.csv', size: 12 }],
      ['qc:import.stagePath', { token: 't1', sample: new TextEncoder().encode('a,b3,4\n') }],
    ]);
    // Only slices of the file are read, never the whole of it.
    expect(arrayBuffer).not.toHaveBeenCalled();
  });

  it('stops when main refuses the chosen path', async () => {
    electron.getPathForFile.mockReturnValue('/home/ana/Downloads');
    const refused = { ok: false, error: { code: 'not_a_file', message: 'a folder' } };
    electron.invoke.mockResolvedValue(refused);
    expect(await api.stageFile(new File([], 'Downloads'))).toEqual(refused);
    expect(electron.invoke).toHaveBeenCalledTimes(1);
  });

  it('sends the bytes of a File made in memory, which has no path', async () => {
    electron.getPathForFile.mockReturnValue('');
    await api.stageFile(new File(['a,b\n1,2\n'], 'pasted.csv'));
    expect(electron.invoke).toHaveBeenCalledExactlyOnceWith('qc:import.stage', {
      fileName: 'pasted.csv',
      bytes: new Uint8Array(new TextEncoder().encode('a,b\n1,2\n')),
    });
  });

  it('answers as data when handed something that is not a File', async () => {
    electron.getPathForFile.mockImplementation(() => {
      throw new TypeError('not a File');
    });
    const r = await api.stageFile({ name: '/etc/passwd' } as unknown as File);
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(electron.invoke).not.toHaveBeenCalled();
  });
});
