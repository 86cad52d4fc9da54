/**
 * From zod issues to problems with paths: one problem per unknown key, and for a union (batching,
 * entryBytes) the problems of the alternative the user evidently meant rather than of all of them.
 */
import type { z } from 'zod';
import type { RawProblem } from './checks.js';
import type { FieldPath } from './locate.js';

type Issue = z.core.$ZodIssue;

/**
 * Converts zod issues (parsed with `reportInput: true`) to problems.
 * @param prefix - path of the value the issues are relative to (for issues inside a union branch).
 */
export function problemsFromIssues(issues: readonly Issue[], prefix: FieldPath = []): RawProblem[] {
  const problems: RawProblem[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path.map(toSegment)];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        problems.push({
          path: [...path, key],
          message: `unknown key "${key}"; ${withoutLeadIn(issue.message)}`,
        });
      }
    } else if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const branch = chooseBranch(issue.errors, issue.input);
      if (branch === null) problems.push({ path, message: issue.message });
      else problems.push(...problemsFromIssues(branch, path));
    } else {
      problems.push({ path, message: issue.message });
    }
  }
  return problems;
}

/** Our strict objects say "unknown key; expected one of: ..."; the key is named in front instead. */
function withoutLeadIn(message: string): string {
  return message.replace(/^unknown key; /, '');
}

/**
 * Picks the union alternative the input was meant for: not one whose type does not match at all, and
 * for a mapping, one that knows at least one of its keys, with the fewest unknown keys, then the fewest
 * issues. Null when no alternative fits, or keys of several are mixed (the union's own message, listing
 * the forms, is clearer then).
 */
function chooseBranch(branches: readonly Issue[][], input: unknown): Issue[] | null {
  const typed = branches.filter((branch) => !branch.some(isTypeMismatchAtRoot));
  const inputKeys = isPlainObject(input) ? Object.keys(input) : null;
  const scored = typed
    .map((branch) => {
      const unknown = new Set(branch.flatMap((issue) => unknownKeysAtRoot(issue)));
      const known = inputKeys === null ? 1 : inputKeys.filter((key) => !unknown.has(key)).length;
      return { branch, known, unknownCount: unknown.size };
    })
    .filter((candidate) => candidate.known > 0)
    .sort((a, b) => a.unknownCount - b.unknownCount || a.branch.length - b.branch.length);
  const best = scored[0];
  if (best === undefined) return null;
  // Keys of several alternatives mixed in one mapping: neither alternative's complaint helps.
  if (best.unknownCount > 0 && scored.length > 1) return null;
  return best.branch;
}

function isTypeMismatchAtRoot(issue: Issue): boolean {
  return issue.path.length === 0 && (issue.code === 'invalid_type' || issue.code === 'invalid_union');
}

function unknownKeysAtRoot(issue: Issue): string[] {
  return issue.code === 'unrecognized_keys' && issue.path.length === 0 ? issue.keys : [];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toSegment(key: PropertyKey): string | number {
  return typeof key === 'number' ? key : String(key);
}
