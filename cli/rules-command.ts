// `copysnapshot-conformance rules`: the contract's rules, one line each (or --json).
import { ruleList } from '../specs/rules.js';
import { expectedText } from '../harness/format.js';
import { parseFlags } from './args.js';

export async function rulesCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, { json: { type: 'boolean' } }, 'rules');
  if (values.json) {
    process.stdout.write(`${JSON.stringify(ruleList, null, 2)}\n`);
    return 0;
  }
  for (const r of ruleList)
    process.stdout.write(`${r.id.padEnd(40)} ${r.grade.padEnd(10)} ${expectedText(r.expect)}\n    ${r.statement}\n    source: ${r.sources.join('; ')}\n`);
  process.stdout.write(`${ruleList.length} rules\n`);
  return 0;
}
