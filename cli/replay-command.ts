// `copysnapshot-conformance replay --rule ID --seed S --path P [target flags]`: just that case.
import { formatFailure, ruleLine } from '../harness/format.js';
import { UsageError } from '../harness/errors.js';
import { isRuleId } from '../specs/rules.js';
import { runSuite } from '../harness/run/suite.js';
import { referenceTarget } from './reference-target.js';
import { intFlag, parseFlags, runOptions } from './args.js';
import { configFrom } from './run-command.js';

export async function replayCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, { ...runOptions, rule: { type: 'string' }, path: { type: 'string' } }, 'replay');
  const rule = values.rule;
  if (typeof rule !== 'string') throw new UsageError('replay: --rule ID is required');
  if (!isRuleId(rule)) throw new UsageError(`replay: unknown rule "${rule}" (see \`copysnapshot-conformance rules\`)`);
  if (intFlag(values, 'seed') === undefined) throw new UsageError('replay: --seed S is required');
  const path = values.path;
  if (typeof path !== 'string') throw new UsageError('replay: --path P is required (as printed, e.g. 3:0:1)');
  // at most 5 digits a step: fast-check walks to a path one generated value at a time, so --path 99999999999 would hang
  if (!/^\d{1,5}(:\d{1,5}){0,9999}$/.test(path.trim()))
    throw new UsageError(`replay: --path must be numbers of at most 5 digits joined by ":" as printed (e.g. 3:0:1), got ${JSON.stringify(path)}`);
  const config = await configFrom(values);
  const result = await runSuite(config, { defaultTarget: referenceTarget, onlyRules: [rule], path: path.trim(), guard: values['no-guard'] !== true });
  const r = result.rules[0];
  if (!r) {
    process.stderr.write(`replay: the run ended before the rule ran${result.aborted ? `: ${result.aborted}` : ''}\n`);
    return result.exitCode || 3;
  }
  process.stdout.write(`${r.failure ? formatFailure(r) : ruleLine(r)}\n`);
  if (result.aborted) return 3;
  return r.verdict === 'fail' ? 1 : 0;
}
