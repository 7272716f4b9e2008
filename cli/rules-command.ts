// `copysnapshot-conformance rules`: the contract's rules, one line each (or --json).
import { ruleList } from '../specs/rules.js';
import { expectedText } from '../harness/format.js';
import { parseFlags } from './args.js';
import type { EvidenceReport, RuleEvidence } from '../harness/parity-types.js';

export async function rulesCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, { json: { type: 'boolean' }, evidence: { type: 'string' } }, 'rules');
  const file = typeof values.evidence === 'string' ? values.evidence : undefined;
  const evidence = file ? await evidenceOf(file) : undefined;
  if (values.json) {
    const rules = evidence ? ruleList.map((r) => ({ ...r, evidence: evidence.rules[r.id] })) : ruleList;
    process.stdout.write(`${JSON.stringify(rules, null, 2)}\n`);
    return 0;
  }
  for (const r of ruleList) {
    const e = evidence?.rules[r.id];
    const column = e ? ` ${evidenceWord(e).padEnd(24)}` : '';
    process.stdout.write(`${r.id.padEnd(40)} ${r.grade.padEnd(10)}${column} ${expectedText(r.expect)}\n    ${r.statement}\n    source: ${r.sources.join('; ')}\n`);
    if (e?.contradiction) process.stdout.write(`    the contract disagrees with the recording: ${e.contradiction.case}: expected ${e.contradiction.expected}, recorded ${e.contradiction.recorded}\n`);
  }
  process.stdout.write(`${ruleList.length} rules\n`);
  if (evidence) process.stdout.write(`${evidenceSummary(evidence)}\n`);
  return 0;
}

async function evidenceOf(file: string) {
  const [{ readCassette }, { checkEvidence }] = await Promise.all([import('../harness/parity/cassette.js'), import('../harness/parity/evidence.js')]);
  return checkEvidence(readCassette(file), file);
}

/** `confirmed 2026-12-03 (12)`, `CONTRADICTED 2026-12-03`, `no evidence`. */
function evidenceWord(e: RuleEvidence): string {
  const day = e.recordedAt.slice(0, 10);
  if (e.status === 'confirmed') return `confirmed ${day} (${e.answers})`;
  if (e.status === 'contradicted') return `CONTRADICTED ${day}`;
  return 'no evidence';
}

function evidenceSummary(e: EvidenceReport): string {
  return `evidence: ${e.file} (${e.fromAws ? 'AWS' : `${e.target.kind} ${e.target.url}`}, recorded ${e.recordedAt}): ${e.confirmed.length} confirmed, ${e.contradicted.length} contradicted, ${e.noEvidence.length} without evidence`;
}
