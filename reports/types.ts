import type { ReportLogo } from '../shared/format/report-logo';
import type { RankingView } from '../shared/api/contract';
import type { RepCoachingView, TeamPracticesView, TopBy } from '../shared/coaching/types';
import type { Locale } from '../shared/i18n/locale';
import type { TeamPlan, TeamScenario } from '../shared/teams/types';

/**
 * What a printed report is made from: the same view models the screens get from the engine
 * (rankings.get, coaching.rep, coaching.team, teams.plan), never figures of its own. The engine
 * gathers them (engine/reports/report-data.ts); the documents only lay them out.
 */

export interface ReportContext {
  locale: Locale;
  /** The workspace's name as the header prints it. */
  workspace: string;
  /** The last day the data covers (ISO), printed on every page; null without data. */
  dataEnd: string | null;
  /** The day the report was made (ISO), by the engine's clock. */
  printedOn: string;
  /** The workspace's logo (Settings) as a PNG or JPEG data URL, printed in every page's header. */
  logo?: ReportLogo | null;
}

export interface DossierData {
  context: ReportContext;
  /** The period's ranking, shared by every dossier of a batch. */
  view: RankingView;
  /** The previous period's ranking, for the movement of scores. */
  previous: RankingView;
  topBy: TopBy;
  coaching: RepCoachingView;
}

export interface DirectorData {
  context: ReportContext;
  view: RankingView;
  practices: TeamPracticesView;
  /** The latest saved team scenario (of this period when there is one), scored again today. */
  scenario: { scenario: TeamScenario; plan: TeamPlan } | null;
  anonymise: boolean;
}

/** One document laid out: its body markup and what every page's margins print. */
export interface ReportPart {
  /** A name for the page rule of this part (CSS identifier). */
  pageName: string;
  /** The static markup of the document's body. */
  body: string;
  /** Printed at the top of every page of the part: left the workspace and the document, right who and when. */
  header: { left: string; right: string; logo?: ReportLogo | null };
}
