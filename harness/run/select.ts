// --rules / --skip-rules: rule IDs, family names, or `family.*` globs.
import { ruleIds, type RuleId } from '../../specs/rules.js';
import { UsageError } from '../errors.js';

function matcher(pattern: string): (id: string) => boolean {
  const p = pattern.trim();
  if (p.endsWith('.*') || p.endsWith('*')) {
    const prefix = p.replace(/\*$/, '');
    return (id) => id.startsWith(prefix);
  }
  if (!p.includes('.')) return (id) => id.startsWith(`${p}.`);
  return (id) => id === p;
}

/** The rule IDs to run, in contract order. Patterns that match nothing are usage errors. */
export function selectRules(include: readonly string[], exclude: readonly string[]): RuleId[] {
  const ids = ruleIds;
  for (const [flag, patterns] of [['--rules', include], ['--skip-rules', exclude]] as const)
    for (const p of patterns)
      if (!ids.some(matcher(p))) throw new UsageError(`${flag}: "${p}" matches no rule (see \`copysnapshot-conformance rules\`)`);
  const inc = include.map(matcher);
  const exc = exclude.map(matcher);
  return ids.filter((id) => (inc.length === 0 || inc.some((m) => m(id))) && !exc.some((m) => m(id)));
}
