// The Export page's live count: how many records the chosen filters would export.
import type { z } from 'zod';
import { api } from '../../../convex/_generated/api';
import type { exportChannels } from '../../../shared/contract/exportJobs';
import type { CoreServices } from '../core/services';
import { definedFilters } from './exportToFile';

type CountChannel = (typeof exportChannels)['countRecords'];

export function countRecordsHandler(
  svc: Pick<CoreServices, 'gateway'>,
): (input: z.output<CountChannel['input']>) => Promise<z.output<CountChannel['output']>> {
  return async (input) => {
    const { collection, ...filters } = definedFilters(input);
    return await svc.gateway.query(api.exports.count, { collection, ...filters });
  };
}
