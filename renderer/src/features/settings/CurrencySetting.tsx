import { useState } from 'react';
import type { WorkspaceInfo } from '../../../../shared/api/contract';
import type { AppError } from '../../../../shared/result';
import { useBridge } from '../../api/bridge-context';
import { useI18n } from '../../i18n/i18n';
import { CurrencyField } from '../../ui/CurrencyField';
import { ErrorMessage } from '../../ui/ErrorMessage';

interface Props {
  info: WorkspaceInfo;
  onChanged: (info: WorkspaceInfo) => void;
}

/**
 * The workspace currency (issue #12): the unit of amounts whose file names none. Changing it
 * relabels those amounts; amounts whose file named a currency keep theirs.
 */
export function CurrencySetting({ info, onChanged }: Props) {
  const { t } = useI18n();
  const bridge = useBridge();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  return (
    <section className="card settings__section" aria-labelledby="set-currency" data-testid="currency-setting">
      <h2 id="set-currency" className="subheading">
        {t('currency.settingTitle')}
      </h2>
      <p className="hint">{t('currency.settingHint')}</p>
      <label htmlFor="workspace-currency">{t('currency.label')}</label>{' '}
      <CurrencyField
        key={info.currency ?? ''}
        id="workspace-currency"
        value={info.currency}
        disabled={busy}
        testId="workspace-currency"
        onChange={(currency) => {
          setBusy(true);
          setError(null);
          void bridge.invoke('workspace.setCurrency', { currency }).then((result) => {
            setBusy(false);
            if (result.ok) onChanged(result.value);
            else setError(result.error);
          });
        }}
      />
      {error ? <ErrorMessage error={error} /> : null}
    </section>
  );
}
