/**
 * Type guards for values from outside the program (a request, a saved setting): each says in its
 * type what it checked, so callers need no cast after it.
 */

/** Whether `v` is one of `options`: a guard, so the value then has their type. */
export function isOneOf<T>(options: readonly T[], v: unknown): v is T {
  return (options as readonly unknown[]).includes(v);
}
