import { useRef, useState } from 'react';
import type { WorkspaceInfo } from '../../../../shared/api/contract';
import type { AppError } from '../../../../shared/result';
import { useBridge } from '../../api/bridge-context';
import { useI18n } from '../../i18n/i18n';
import { ErrorMessage } from '../../ui/ErrorMessage';

interface Props {
  info: WorkspaceInfo;
  onChanged: (info: WorkspaceInfo) => void;
}

/** A chosen file as a data URL: the page reads the file itself, so no path crosses to the engine. */
function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsDataURL(file);
  });
}

/**
 * The logo of printed reports (issue #11): a PNG or JPEG the engine checks by its bytes and keeps
 * in the workspace; every page's header prints it left of the workspace's name.
 */
export function ReportLogoSetting({ info, onChanged }: Props) {
  const { t } = useI18n();
  const bridge = useBridge();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  const save = async (logo: string | null): Promise<void> => {
    setBusy(true);
    setError(null);
    const result = await bridge.invoke('workspace.setReportLogo', { logo });
    setBusy(false);
    if (result.ok) onChanged(result.value);
    else setError(result.error);
  };

  return (
    <section className="card settings__section" aria-labelledby="set-logo" data-testid="logo-setting">
      <h2 id="set-logo" className="subheading">
        {t('logo.settingTitle')}
      </h2>
      <p className="hint">{t('logo.settingHint')}</p>
      <div className="logo-setting">
        {info.reportLogo ? (
          <img
            className="logo-setting__image"
            src={info.reportLogo}
            alt={t('logo.current')}
            data-testid="logo-image"
          />
        ) : (
          <span className="hint" data-testid="logo-none">
            {t('logo.none')}
          </span>
        )}
        <input
          ref={input}
          id="report-logo-file"
          type="file"
          accept="image/png,image/jpeg"
          className="visually-hidden"
          data-testid="logo-file"
          disabled={busy}
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (!file) return;
            void readAsDataUrl(file).then(
              (url) => save(url),
              () => setError({ code: 'logo_damaged', message: 'The logo file could not be read.' }),
            );
          }}
        />
        <button type="button" className="button" disabled={busy} onClick={() => input.current?.click()}>
          {info.reportLogo ? t('logo.replace') : t('logo.choose')}
        </button>
        {info.reportLogo ? (
          <button
            type="button"
            className="button button--ghost"
            disabled={busy}
            data-testid="logo-remove"
            onClick={() => void save(null)}
          >
            {t('logo.remove')}
          </button>
        ) : null}
      </div>
      {error ? <ErrorMessage error={error} /> : null}
    </section>
  );
}
