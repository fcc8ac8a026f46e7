/**
 * A small "i" whose hover (and keyboard focus) shows a definition: how a figure is computed,
 * written where the figure is, in the UI language.
 */
export function InfoTip({ text }: { text: string }) {
  return (
    <span className="info-tip" title={text} aria-label={text} role="img" tabIndex={0}>
      i
    </span>
  );
}
