import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { formatPeriodLabel } from '../shared/format/format';
import { CoachingDossier, dossierHeader } from './coaching-dossier';
import { DirectorReport, directorHeader } from './director-report';
import { REPORT_CSS, pageCss } from './report-css';
import { reportText } from './report-text';
import type { DirectorData, DossierData, ReportContext, ReportPart } from './types';

/**
 * The documents as static HTML: React rendered to markup once, on whichever side holds the
 * view models (the engine, for every host), so the preview, the desktop app's PDF and the CLI's
 * PDF are the same bytes of HTML. Parts can be put together in one document (every dossier of a
 * team, each on its own pages with its own running header).
 */

export function renderDossier(data: DossierData, pageName = 'dossier'): ReportPart {
  const text = reportText(data.context.locale);
  return reportPart(
    pageName,
    <CoachingDossier text={text} data={data} />,
    data.context,
    text.t('report.dossier.title'),
    dossierHeader(text, data),
  );
}

export function renderDirector(data: DirectorData, pageName = 'director'): ReportPart {
  const text = reportText(data.context.locale);
  return reportPart(
    pageName,
    <DirectorReport text={text} data={data} />,
    data.context,
    text.t('report.director.title'),
    directorHeader(text, data),
  );
}

/** A document laid out: its markup, and its running header (the workspace and the document at left). */
function reportPart(
  pageName: string,
  document: ReactElement,
  context: ReportContext,
  title: string,
  right: string,
): ReportPart {
  return {
    pageName,
    body: renderToStaticMarkup(document),
    header: { left: `${context.workspace} · ${title}`, right, logo: context.logo ?? null },
  };
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface DocumentOptions {
  locale: DossierData['context']['locale'];
  title: string;
  /** Style sheets the host adds before the report's own: the shipped font's @font-face rules. */
  headCss: string;
}

/** One printable HTML document of the given parts, each starting on a new page. */
export function reportDocument(parts: readonly ReportPart[], options: DocumentOptions): string {
  const text = reportText(options.locale);
  const body = parts.map((p) => `<div class="part part--${p.pageName}">${p.body}</div>`).join('\n');
  return `<!doctype html>
<html lang="${options.locale === 'zh-CN' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(options.title)}</title>
<style>${options.headCss}</style>
<style>${REPORT_CSS}
${pageCss(parts, text.t('report.page'))}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/** A document's title: "Coaching dossier · Ann Lee · Q3 2025". */
export function dossierTitle(data: DossierData): string {
  const text = reportText(data.context.locale);
  return `${text.t('report.dossier.title')} · ${data.coaching.rep.name} · ${formatPeriodLabel(text.locale, data.view.period.id)}`;
}

export function directorTitle(data: DirectorData): string {
  const text = reportText(data.context.locale);
  return `${text.t('report.director.title')} · ${formatPeriodLabel(text.locale, data.view.period.id)}`;
}
