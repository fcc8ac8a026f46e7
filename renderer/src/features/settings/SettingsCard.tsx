import type { ReactNode } from 'react';

interface Props {
  /** The title's id, which labels the card. */
  id: string;
  title: string;
  /** Lay the children out in the form's grid (the default); false for a card with its own layout. */
  grid?: boolean;
  children: ReactNode;
}

/** One card of the Settings form: a titled section, its fields in the form's grid. */
export function SettingsCard({ id, title, grid = true, children }: Props) {
  return (
    <section className="card settings__section" aria-labelledby={id}>
      <h2 id={id} className="card__title">
        {title}
      </h2>
      {grid ? <div className="settings__grid">{children}</div> : children}
    </section>
  );
}
