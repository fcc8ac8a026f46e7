/**
 * Numbers for files read by scripts as well as people (the CLI's CSV and JSON outputs): plain,
 * with 6 significant digits, as a number (so a CSV writer never quotes or prefixes it).
 */
export function sig6(v: number | null | undefined): number | null {
  if (v === null || v === undefined || !Number.isFinite(v)) return null;
  const rounded = Number(v.toPrecision(6));
  // -0 would print as "0" anyway; normalised so JSON agrees with the CSV.
  return rounded === 0 ? 0 : rounded;
}
