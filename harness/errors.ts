/** Bad flags, bad config: exit 2 with one line. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly exitCode = 2;
}

/** The endpoint cannot be reached or does not speak the protocol: exit 3 with one line. */
export class EndpointUnreachableError extends Error {
  override readonly name = 'EndpointUnreachableError';
  readonly exitCode = 3;
}

/** The run was interrupted (SIGINT, SIGTERM, SIGHUP, parent gone): stop sending; the rule in flight is not judged. */
export class RunInterrupted extends Error {
  override readonly name = 'RunInterrupted';
}
