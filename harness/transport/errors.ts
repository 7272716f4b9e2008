// The two error classes a transport raises. UsageError is the harness's own (exit 2), re-exported so that
// `instanceof` holds everywhere: a second class of the same name would slip past the CLI's exit-code mapping.
import { redact } from '../../protocol/redact.js';

export { UsageError } from '../errors.js';

export type TransportErrorKind = 'timeout' | 'refused' | 'reset' | 'dns' | 'too-large' | 'aborted' | 'protocol' | 'other';

/** No usable answer. The message is one line, passed through redact(); no stack is ever printed for it. */
export class TransportError extends Error {
  override readonly name = 'TransportError';
  constructor(
    readonly kind: TransportErrorKind,
    message: string,
  ) {
    super(redact(message.split('\n')[0] ?? ''));
  }
}

/** The first line of any thrown value, for messages that must stay one line. */
export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  // redacted before the cut: a cut secret would no longer be recognised
  return redact(text.split('\n')[0] ?? '').slice(0, 300);
}
