import type { ReactNode } from 'react';
import type { Band } from '../shared/domain/types';

/**
 * Small pieces both documents are made of. Static markup only: no state, no effects, no event
 * handlers, since the page is printed, not used.
 */

export function Section({
  id,
  title,
  lead,
  children,
  className,
}: {
  id: string;
  title: string;
  lead?: string | null;
  children: ReactNode;
  className?: string;
}) {
  return (
    <section className={`section${className ? ` ${className}` : ''}`} id={id} data-section={id}>
      <h2>{title}</h2>
      {lead ? <p className="lead">{lead}</p> : null}
      {children}
    </section>
  );
}

/** A chart's SVG (made by reports/charts.ts from our own figures), kept whole on one page. */
export function Figure({ svg, caption, label }: { svg: string | null; caption?: string; label: string }) {
  if (svg === null) return null;
  return (
    <figure className="figure" role="img" aria-label={label}>
      {/* The SVG is ECharts' output for figures and names escaped by it, never page input. */}
      <div className="figure__svg" dangerouslySetInnerHTML={{ __html: svg }} />
      {caption ? <figcaption>{caption}</figcaption> : null}
    </figure>
  );
}

export function BandPill({ band, label }: { band: Band; label: string }) {
  return <span className={`band band--${band}`}>{label}</span>;
}

/** A figure the data cannot support: said, with what is missing, instead of a number. */
export function Missing({ children }: { children: ReactNode }) {
  return <p className="missing">{children}</p>;
}

export function Note({ children }: { children: ReactNode }) {
  return <p className="note">{children}</p>;
}

/** Label/value pairs in a row, as the screens' fact strips. */
export function Facts({ items }: { items: { label: string; value: ReactNode }[] }) {
  return (
    <dl className="facts">
      {items.map((item) => (
        <div key={item.label}>
          <dt>{item.label}</dt>
          <dd>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
