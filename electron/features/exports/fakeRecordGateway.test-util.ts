// A Gateway stand-in that serves the export functions from generated records: for the exporter's
// tests and benchmark, where convex-test's full scans would measure the wrong thing.
import { getFunctionName } from 'convex/server';
import type { Id } from '../../../convex/_generated/dataModel';
import type { Gateway } from '../../core/backend/gateway';
import type { ExportRecord } from './recordWriter';

export interface FakeRecordSource {
  total: number;
  /** The i-th record (0-based), generated on demand so a million rows cost no memory. */
  record(i: number): ExportRecord;
  /** Delay per query, to imitate a network round trip. */
  latencyMs?: number;
  /** Reject the query for this page (0-based), to test failures mid-export. */
  failOnPage?: number;
}

/** The handle the fake's exports.open returns; exportToFile callers pass it on. */
export const FAKE_EXPORT_ID = 'fake-export' as Id<'exportRuns'>;

export interface FakeRecordGateway extends Gateway {
  /** The audit entries the real exports.open and exports.finish would write, in order. */
  audits: Record<string, unknown>[];
  pagesServed: number;
}

export function fakeRecordGateway(source: FakeRecordSource): FakeRecordGateway {
  const wait = () => (source.latencyMs ? new Promise((r) => setTimeout(r, source.latencyMs)) : Promise.resolve());
  let opened: Record<string, unknown> = {};
  const gw: FakeRecordGateway = {
    kind: 'memory',
    setAuth: () => undefined,
    anonymousAction: (async () => null) as never,
    audits: [],
    pagesServed: 0,
    query: (async (fn: unknown, args: Record<string, unknown>) => {
      await wait();
      const name = getFunctionName(fn as never);
      if (name === 'exports:count') return { count: source.total, capped: false };
      if (name !== 'exports:list') throw new Error(`fake gateway: no query ${name}`);
      const { numItems, cursor } = args.paginationOpts as { numItems: number; cursor: string | null };
      if (source.failOnPage !== undefined && gw.pagesServed === source.failOnPage) throw new Error('backend unavailable');
      gw.pagesServed += 1;
      const start = cursor === null ? 0 : Number(cursor);
      const end = Math.min(source.total, start + numItems);
      const page: ExportRecord[] = [];
      for (let i = start; i < end; i++) page.push(source.record(i));
      return { page, isDone: end >= source.total, continueCursor: String(end) };
    }) as Gateway['query'],
    mutation: (async (fn: unknown, args: Record<string, unknown>) => {
      const name = getFunctionName(fn as never);
      if (name === 'exports:open') {
        opened = { ...args };
        gw.audits.push({ ...opened, status: 'started' });
        return FAKE_EXPORT_ID;
      }
      if (name !== 'exports:finish') throw new Error(`fake gateway: no mutation ${name}`);
      const { exportId: _id, ...outcome } = args;
      gw.audits.push({ ...opened, ...outcome });
      return null;
    }) as Gateway['mutation'],
    action: (async () => {
      throw new Error('fake gateway: no actions');
    }) as Gateway['action'],
    watch: () => () => {},
    close: async () => {},
  };
  return gw;
}
