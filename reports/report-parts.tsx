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

/** A column heading: plain text, or with a class (`num` right-aligns a column of figures). */
export type Column = ReactNode | { label: ReactNode; className: string };

/** A column of figures, right-aligned. */
export const num = (label: ReactNode, className = 'num'): Column => ({ label, className });

const isClassed = (c: Column): c is { label: ReactNode; className: string } =>
  typeof c === 'object' && c !== null && 'className' in c && 'label' in c;

/**
 * A table of the reports: its class, its name for tests and readers (`data-table`), one header
 * row of column headings (null leaves a column out) and the body's rows.
 */
export function DataTable({
  name,
  className = 'table table--compact',
  columns,
  children,
}: {
  name: string;
  className?: string;
  columns: readonly (Column | null)[];
  children: ReactNode;
}) {
  return (
    <table className={className} data-table={name}>
      <thead>
        <tr>
          {columns.map((c, i) =>
            c === null ? null : isClassed(c) ? (
              <th scope="col" className={c.className} key={i}>
                {c.label}
              </th>
            ) : (
              <th scope="col" key={i}>
                {c}
              </th>
            ),
          )}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

/** The head of a document's first page: what it is, whom or when it is about, and its facts. */
export function DocumentHead({
  kind,
  title,
  facts,
  children,
}: {
  kind: string;
  title: string;
  facts: { label: string; value: ReactNode }[];
  children?: ReactNode;
}) {
  return (
    <header className="document__head">
      <p className="document__kind">{kind}</p>
      <h1>{title}</h1>
      <Facts items={facts} />
      {children}
    </header>
  );
}
