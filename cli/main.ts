// The command-line entry: dispatch, and turn every error into one line and an exit code.
import { EndpointUnreachableError, UsageError } from '../harness/errors.js';
import { installStreamRedaction, redact } from '../protocol/redact.js';
import { toolVersion } from '../harness/version.js';
import { commandUsage, usage } from './help.js';

// The SDK warns about Node 20 on every start; it is noise for users of this tool.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

type Command = (argv: string[]) => Promise<number>;

// own keys only (see `load` below): `constructor` or `toString` are no commands
const commands: Record<string, () => Promise<Command>> = {
  run: async () => (await import('./run-command.js')).runCommand,
  replay: async () => (await import('./replay-command.js')).replayCommand,
  selftest: async () => (await import('./selftest-command.js')).selftestCommand,
  generate: async () => (await import('./generate-command.js')).generateCommand,
  mock: async () => (await import('./mock-command.js')).mockCommand,
  compare: async () => (await import('./compare-command.js')).compareCommand,
  'merge-reports': async () => (await import('./merge-command.js')).mergeCommand,
  plan: async () => (await import('./plan-command.js')).planCommand,
  cleanup: async () => (await import('./cleanup-command.js')).cleanupCommand,
  rules: async () => (await import('./rules-command.js')).rulesCommand,
  record: async () => (await import('./record-command.js')).recordCommand,
  diff: async () => (await import('./diff-command.js')).diffCommand,
};

export async function main(argv: string[]): Promise<number> {
  // whatever any part of the run prints, a secret never reaches the terminal or a CI log
  installStreamRedaction();
  const [name, ...rest] = argv;
  if (name === 'help' && rest[0] !== undefined && commandUsage.has(rest[0])) {
    const help = commandUsage.get(rest[0])!;
    process.stdout.write(help.endsWith('\n') ? help : `${help}\n`);
    return 0;
  }
  if (name === 'help' && rest[0] !== undefined && Object.hasOwn(commands, rest[0])) return main([rest[0], '--help']);
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${toolVersion}\n`);
    return 0;
  }
  const load = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!load) {
    process.stderr.write(`copysnapshot-conformance: unknown command "${name}" (commands: ${Object.keys(commands).join(', ')}; see --help)\n`);
    return 2;
  }
  // `<command> --help` anywhere among the flags (mock, compare and generate answer it themselves)
  const help = commandUsage.get(name);
  if (help !== undefined && rest.some((a) => a === '--help' || a === '-h')) {
    process.stdout.write(help.endsWith('\n') ? help : `${help}\n`);
    return 0;
  }
  try {
    const command = await load();
    return await command(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`copysnapshot-conformance: ${redact(error.message)}\n`);
      return 2;
    }
    if (error instanceof EndpointUnreachableError) {
      process.stderr.write(`copysnapshot-conformance: ${redact(error.message)}\n`);
      return 3;
    }
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    process.stderr.write(`copysnapshot-conformance: internal error: ${redact(message ?? '')}${process.env.DEBUG ? `\n${redact(String((error as Error).stack))}` : ' (set DEBUG=1 for details)'}\n`);
    return 4;
  }
}
