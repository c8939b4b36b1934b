// The handler table and its single entry point. Both hosts (Electron IPC, web bridge) call
// `dispatch`; it is the one place where inputs are parsed against the contract and outputs are
// reduced to what the contract declares (z.object strips unknown keys, so nothing extra leaks).
import type { z } from 'zod';
import {
  channels,
  isChannelName,
  type ChannelName,
  type ChannelOutput,
  type ChannelParsedInput,
} from '../../shared/contract/channels';
import type { Envelope } from '../../shared/contract/api';
import { AppError } from './errors/appError';
import { toAppErrorData } from './errorData';

export type HandlerTable = {
  [C in ChannelName]: (input: ChannelParsedInput<C>) => Promise<ChannelOutput<C>>;
};

export type Dispatch = (channel: string, rawInput: unknown) => Promise<Envelope<unknown>>;

function invalidInput(channel: string, issues: z.core.$ZodIssue[]): AppError {
  const where = issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`).join('; ');
  return new AppError('invalid_input', `Invalid input for ${channel}: ${where}`, `${channel} için geçersiz girdi: ${where}`, issues);
}

export function createDispatch(handlers: HandlerTable): Dispatch {
  return async (channel, rawInput) => {
    try {
      if (!isChannelName(channel)) {
        throw new AppError('unknown_channel', `Unknown channel: ${channel}`, `Bilinmeyen kanal: ${channel}`);
      }
      const def = channels[channel];
      const parsed = def.input.safeParse(rawInput ?? {});
      if (!parsed.success) throw invalidInput(channel, parsed.error.issues);
      const handler = handlers[channel] as (input: unknown) => Promise<unknown>;
      const value: unknown = def.output.parse(await handler(parsed.data));
      return { ok: true, value };
    } catch (err) {
      return { ok: false, error: toAppErrorData(err) };
    }
  };
}
