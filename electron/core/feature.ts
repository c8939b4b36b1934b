// The one shape of a feature: the handlers of its contract's channels and the implementations of
// its jobs, both typed from the contract. Each feature's factory returns one; createCore only
// joins them into the dispatch table and the job runner.
import type { ChannelName } from '../../shared/contract/channels';
import type { JobKind } from '../../shared/contract/jobs';
import type { HandlerTable } from './dispatch';
import type { JobImpls } from './jobRunner';

export interface Feature<C extends ChannelName, K extends JobKind = never> {
  handlers: Pick<HandlerTable, C>;
  jobs: Pick<JobImpls, K>;
}
