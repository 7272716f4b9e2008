// `copysnapshot-conformance plan [run flags] [--json]`: what a run would send and create. Sends nothing.
import { ruleById } from '../specs/rules.js';
import { defaults } from '../harness/config.js';
import { CreateBudget } from '../harness/run/budget.js';
import type { RunContext } from '../harness/run/context.js';
import { selectRules } from '../harness/run/select.js';
import { skipReason } from '../harness/run/skip.js';
import { isAwsEndpoint } from '../harness/transport/index.js';
import { referenceFixtures } from '../mock/fixtures.js';
import { parseFlags, runOptions } from './args.js';
import { configFrom } from './run-command.js';

export interface PlanRow {
  rule: string;
  runs: boolean;
  reason?: string;
  requests: number;
  creates: number;
}

export async function planCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, runOptions, 'plan');
  const config = await configFrom(values);
  const endpoint = config.endpoint ?? process.env.AWS_ENDPOINT_URL_ELASTICACHE ?? process.env.AWS_ENDPOINT_URL;
  const aws = endpoint ? isAwsEndpoint(endpoint) : config.region !== undefined && !config.handlers;
  const embedded = !endpoint && !config.handlers && !aws;
  const budget = new CreateBudget(config.maxCreates ?? (aws ? defaults.awsMaxCreates : undefined));
  const fixtures = { ...(embedded ? referenceFixtures : {}), ...config.fixtures };
  // the skip logic reads only fixtures, capabilities and the budget; nothing is sent
  const ctx = { fixtures, canListTags: true, budget } as unknown as RunContext;
  const rows: PlanRow[] = [];
  for (const id of selectRules(config.rules, config.skipRules)) {
    const rule = ruleById(id);
    const reason = skipReason(ctx, rule);
    if (reason) {
      rows.push({ rule: id, runs: false, reason, requests: 0, creates: 0 });
      continue;
    }
    const quota = id === 'quota.snapshot-quota';
    let cases = quota ? (fixtures.snapshotQuota ?? 0) + 1 : config.numRuns;
    if (rule.creates) cases = Math.min(cases, budget.remaining);
    if (rule.creates && cases === 0) {
      rows.push({ rule: id, runs: false, reason: `the create budget is spent (--max-creates ${budget.max})`, requests: 0, creates: 0 });
      continue;
    }
    const creates = rule.creates ? cases : 0;
    for (let i = 0; i < creates; i++) budget.take();
    const perCase = rule.family === 'post-state' ? 3 : 1;
    rows.push({ rule: id, runs: true, requests: cases * perCase, creates });
  }
  const totals = { requests: rows.reduce((n, r) => n + r.requests, 0), creates: rows.reduce((n, r) => n + r.creates, 0), rules: rows.filter((r) => r.runs).length };
  const target = embedded ? 'embedded reference mock' : config.handlers ? `handlers ${config.handlers}` : (endpoint ?? `AWS ${config.region}`);
  if (values.json) process.stdout.write(`${JSON.stringify({ target, aws, maxCreates: budget.max ?? null, totals, rules: rows }, null, 2)}\n`);
  else {
    for (const r of rows) process.stdout.write(`${r.runs ? 'run ' : 'skip'} ${r.rule.padEnd(40)} ${r.runs ? `~${r.requests} requests, ${r.creates} creates` : r.reason}\n`);
    process.stdout.write(`plan for ${target}: ${totals.rules} rules, ~${totals.requests} requests before shrinking, at most ${totals.creates} snapshots created${aws ? ' (real AWS: needs --allow-aws)' : ''}\n`);
  }
  return 0;
}
