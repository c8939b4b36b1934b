// A check worker: receives the check's rules once, then units of work (text chunks of a CSV
// file, or rows), and answers each with its CheckedBatch; or a whole sheet of a workbook to read
// and check, whose batches it sends as they come. Runs under plain Node worker_threads.
import { parentPort, workerData } from 'node:worker_threads';
import { RowChecker, type CheckRules } from './rowChecker';
import { serveSheet, transferablesOf, type CheckRequest, type CheckResponse, type SheetAck, type SheetRequest } from './checkUnits';

const port = parentPort;
if (!port) throw new Error('checkWorker: not started as a worker thread');
const checker = new RowChecker(workerData as CheckRules);
port.postMessage({ ready: true } satisfies CheckResponse);

const sheet = serveSheet(checker, port);

port.on('message', (request: CheckRequest | SheetRequest | SheetAck) => {
  if ('ack' in request) return sheet.ack(request.ack);
  if ('sheet' in request) return void sheet.start(request.sheet);
  let response: CheckResponse;
  try {
    response = { id: request.id, batch: checker.check(request.unit) };
  } catch (err) {
    response = { id: request.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  port.postMessage(response, 'batch' in response ? transferablesOf(response.batch) : []);
});
