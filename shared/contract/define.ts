// Building blocks of the contract: a channel is a request/response pair, a job kind is a long
// operation with typed input, progress and result. Bindings are derived from these declarations.
import type { z } from 'zod';

export interface ChannelDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
}

export const channel = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): ChannelDef<I, O> => ({
  input,
  output,
});

export interface JobDef<I extends z.ZodType = z.ZodType, P extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  input: I;
  progress: P;
  result: R;
}

export const jobKind = <I extends z.ZodType, P extends z.ZodType, R extends z.ZodType>(
  input: I,
  progress: P,
  result: R,
): JobDef<I, P, R> => ({ input, progress, result });
