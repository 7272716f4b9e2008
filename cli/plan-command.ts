// `copysnapshot-conformance plan [run flags] [--json]`: what a run would send and create. Sends nothing.
// The rows come from harness/run/plan.ts, the same planner `run` executes.
import { defaults } from '../harness/config.js';
import { planRun, shardRules } from '../harness/run/plan.js';
import { selectRules } from '../harness/run/select.js';
import { isAwsEndpoint } from '../harness/transport/index.js';
import { referenceFixtures } from '../mock/fixtures.js';
import { parseFlags, runOptions } from './args.js';
import { configFrom, shardOf } from './run-command.js';

export async function planCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, runOptions, 'plan');
  const config = await configFrom(values);
  const shard = shardOf(values);
  const endpoint = config.endpoint ?? process.env.AWS_ENDPOINT_URL_ELASTICACHE ?? process.env.AWS_ENDPOINT_URL;
  const aws = endpoint ? isAwsEndpoint(endpoint) : config.region !== undefined && !config.handlers;
  const embedded = !endpoint && !config.handlers && !aws;
  const maxCreates = config.maxCreates ?? (aws ? defaults.awsMaxCreates : undefined);
  const fixtures = { ...(embedded ? referenceFixtures : {}), ...config.fixtures };
  // plan sends nothing, so it takes ListTagsForResource to work; a run that finds it missing skips the rules needing it
  const plan = planRun({ ruleIds: selectRules(config.rules, config.skipRules), fixtures, canListTags: true, numRuns: config.numRuns, ...(maxCreates !== undefined ? { maxCreates } : {}) });
  const mine = new Set(shardRules(plan.rows.map((r) => r.rule), shard));
  const rows = plan.rows.filter((r) => mine.has(r.rule));
  const totals = { requests: rows.reduce((n, r) => n + r.requests, 0), creates: rows.reduce((n, r) => n + r.creates, 0), rules: rows.filter((r) => r.runs).length };
  const target = embedded ? 'embedded reference mock' : config.handlers ? `handlers ${config.handlers}` : (endpoint ?? `AWS ${config.region}`);
  if (values.json) process.stdout.write(`${JSON.stringify({ target, aws, maxCreates: maxCreates ?? null, ...(shard ? { shard } : {}), totals, allocation: plan.allocation, rules: rows }, null, 2)}\n`);
  else {
    for (const r of rows) process.stdout.write(`${r.runs ? 'run ' : 'skip'} ${r.rule.padEnd(40)} ${r.runs ? `${r.cases} cases, ~${r.requests} requests, ${r.creates} creates` : r.reason}\n`);
    process.stdout.write(`plan for ${target}${shard ? ` (shard ${shard.index}/${shard.count})` : ''}: ${totals.rules} rules, ~${totals.requests} requests before shrinking, at most ${totals.creates} snapshots created${maxCreates !== undefined ? ` (--max-creates ${maxCreates}, shared out documented → observed → inferred)` : ''}${aws ? ' (real AWS: needs --allow-aws)' : ''}\n`);
  }
  return 0;
}
