export interface Migration {
  /** Consecutive from 1; becomes PRAGMA user_version once applied. */
  readonly version: number;
  readonly name: string;
  /** Plain SQL, frozen once shipped, so what ran on a user's machine can always be re-read. */
  readonly sql: string;
}
