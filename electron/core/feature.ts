// The one shape of a feature: the handlers of its contract's channels and the implementations of
// its jobs, both typed from the contract, and the feature's own background work. Each feature's
// factory returns one; createCore joins the handlers into the dispatch table and the jobs into the
// job runner, starts each feature once all are built and closes them when the core closes.
import type { ChannelName } from '../../shared/contract/channels';
import type { JobKind } from '../../shared/contract/jobs';
import type { HandlerTable } from './dispatch';
import type { JobImpls } from './jobRunner';
import type { AuthSession } from './session/authSession';

export interface Feature<C extends ChannelName, K extends JobKind = never> {
  handlers: Pick<HandlerTable, C>;
  jobs: Pick<JobImpls, K>;
  /**
   * Work that runs while the app is open (a sweep, a watch, a worker that follows who is signed
   * in). Called once, only on hosts that keep running: the CLI runs one command and leaves.
   */
  start?(session: AuthSession): void;
  /** Stops what the feature started or holds; after the jobs were cancelled and the session closed. */
  close?(): Promise<void> | void;
}
