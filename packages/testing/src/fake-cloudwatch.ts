/**
 * A local CloudWatch Logs endpoint speaking the AWS JSON 1.1 wire protocol (POST /, X-Amz-Target:
 * Logs_20140328.<Operation>), enough for the exporter: CreateLogGroup, CreateLogStream,
 * PutRetentionPolicy, PutLogEvents. PutLogEvents enforces the documented limits and rejects an
 * invalid batch as the service does; it checks that a SigV4 Authorization header is present
 * (the signature itself is not verified). Test knobs: throttle, fail with 5xx, poison batches.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StoredEvent {
  timestamp: number;
  message: string;
}

interface Group {
  retentionInDays: number | undefined;
  kmsKeyId: string | undefined;
  streams: Map<string, StoredEvent[]>;
}

const DAY = 86_400_000;
const LIMITS = { events: 10_000, bytes: 1_048_576, overhead: 26, spanMs: DAY, pastMs: 14 * DAY, futureMs: 2 * 3_600_000 };

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

export class FakeCloudWatch {
  readonly groups = new Map<string, Group>();
  /** Requests by operation name. */
  readonly calls: Record<string, number> = {};
  /** PutLogEvents rejected for breaking a documented limit (the exporter should never cause one). */
  invalidRequests = 0;
  /** Requests without an `AWS4-HMAC-SHA256` Authorization header. */
  unsigned = 0;
  /** Answer the next n PutLogEvents with ThrottlingException (400). */
  throttleNext = 0;
  /** Answer the next n PutLogEvents with this HTTP status (500 InternalFailure / 503 ServiceUnavailableException). */
  failNext = 0;
  failStatus = 500;
  /** A PutLogEvents containing a message that matches is refused with InvalidParameterException. */
  poison: ((message: string) => boolean) | undefined;
  /** The service's clock. */
  now: () => number = Date.now;
  private server: http.Server | undefined;
  url = '';

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** A stream's events in timestamp order (stable), as GetLogEvents would return them. */
  events(group: string, stream: string): StoredEvent[] {
    const list = this.groups.get(group)?.streams.get(stream) ?? [];
    return list
      .map((e, i) => ({ e, i }))
      .sort((a, b) => a.e.timestamp - b.e.timestamp || a.i - b.i)
      .map((x) => x.e);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let status = 200;
      let body: unknown = {};
      try {
        body = this.dispatch(req, Buffer.concat(chunks).toString('utf8')) ?? {};
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        status = err.status;
        body = { __type: err.type, message: err.message };
      }
      const text = JSON.stringify(body);
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'content-length': Buffer.byteLength(text), 'x-amzn-requestid': 'test' });
      res.end(text);
    });
  }

  private dispatch(req: http.IncomingMessage, text: string): unknown {
    const target = String(req.headers['x-amz-target'] ?? '');
    if (req.method !== 'POST' || req.url !== '/' || !target.startsWith('Logs_20140328.')) {
      throw new ApiError(400, 'UnknownOperationException', `unexpected ${req.method} ${req.url} ${target}`);
    }
    if (!String(req.headers['content-type']).startsWith('application/x-amz-json-1.1')) {
      throw new ApiError(400, 'SerializationException', 'content-type must be application/x-amz-json-1.1');
    }
    if (!String(req.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256 Credential=')) {
      this.unsigned++;
      throw new ApiError(400, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
    }
    const op = target.slice('Logs_20140328.'.length);
    this.calls[op] = (this.calls[op] ?? 0) + 1;
    const input = JSON.parse(text) as Record<string, unknown>;
    switch (op) {
      case 'CreateLogGroup':
        return this.createLogGroup(input);
      case 'CreateLogStream':
        return this.createLogStream(input);
      case 'PutRetentionPolicy':
        return this.putRetentionPolicy(input);
      case 'PutLogEvents':
        return this.putLogEvents(input);
      default:
        throw new ApiError(400, 'UnknownOperationException', `operation ${op} is not implemented here`);
    }
  }

  private group(name: unknown): Group {
    const g = this.groups.get(String(name));
    if (g === undefined) throw new ApiError(400, 'ResourceNotFoundException', 'The specified log group does not exist.');
    return g;
  }

  private createLogGroup(input: Record<string, unknown>): void {
    const name = String(input.logGroupName);
    if (this.groups.has(name)) throw new ApiError(400, 'ResourceAlreadyExistsException', 'The specified log group already exists');
    this.groups.set(name, { retentionInDays: undefined, kmsKeyId: input.kmsKeyId as string | undefined, streams: new Map() });
  }

  private createLogStream(input: Record<string, unknown>): void {
    const g = this.group(input.logGroupName);
    const name = String(input.logStreamName);
    if (name.length < 1 || name.length > 512 || /[:*]/.test(name)) throw new ApiError(400, 'InvalidParameterException', `invalid log stream name ${name}`);
    if (g.streams.has(name)) throw new ApiError(400, 'ResourceAlreadyExistsException', 'The specified log stream already exists');
    g.streams.set(name, []);
  }

  private putRetentionPolicy(input: Record<string, unknown>): void {
    const g = this.group(input.logGroupName);
    const days = Number(input.retentionInDays);
    if (![1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653].includes(days)) {
      throw new ApiError(400, 'InvalidParameterException', `invalid retentionInDays ${days}`);
    }
    g.retentionInDays = days;
  }

  private invalid(message: string): never {
    this.invalidRequests++;
    throw new ApiError(400, 'InvalidParameterException', message);
  }

  private putLogEvents(input: Record<string, unknown>): unknown {
    if (this.throttleNext > 0) {
      this.throttleNext--;
      throw new ApiError(400, 'ThrottlingException', 'Rate exceeded');
    }
    if (this.failNext > 0) {
      this.failNext--;
      throw this.failStatus === 503
        ? new ApiError(503, 'ServiceUnavailableException', 'The service cannot complete the request.')
        : new ApiError(this.failStatus, 'InternalFailure', 'The request processing has failed because of an unknown error.');
    }
    const g = this.group(input.logGroupName);
    const stream = g.streams.get(String(input.logStreamName));
    if (stream === undefined) throw new ApiError(400, 'ResourceNotFoundException', 'The specified log stream does not exist.');
    const events = input.logEvents as StoredEvent[];
    if (!Array.isArray(events) || events.length === 0) this.invalid('logEvents must contain at least 1 event');
    if (events.length > LIMITS.events) this.invalid(`${events.length} log events exceed the maximum of ${LIMITS.events}`);
    let bytes = 0;
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      const size = Buffer.byteLength(e.message) + LIMITS.overhead;
      if (e.message.length === 0) this.invalid(`log event ${i} has an empty message`);
      if (size > LIMITS.bytes) this.invalid(`log event ${i} is ${size} bytes, over the 1 MB event limit`);
      if (i > 0 && e.timestamp < events[i - 1]!.timestamp) this.invalid('Log events in a single PutLogEvents request must be in chronological order.');
      bytes += size;
    }
    if (bytes > LIMITS.bytes) this.invalid(`batch of ${bytes} bytes exceeds the maximum of ${LIMITS.bytes}`);
    if (this.poison !== undefined && events.some((e) => this.poison!(e.message))) {
      throw new ApiError(400, 'InvalidParameterException', 'poisoned batch (test knob)');
    }
    const now = this.now();
    const oldest = now - Math.min(LIMITS.pastMs, g.retentionInDays === undefined ? Infinity : g.retentionInDays * DAY);
    // sorted, so too-old events are a prefix and too-new ones a suffix
    let oldEnd = 0;
    while (oldEnd < events.length && events[oldEnd]!.timestamp < oldest) oldEnd++;
    let newStart = events.length;
    while (newStart > oldEnd && events[newStart - 1]!.timestamp > now + LIMITS.futureMs) newStart--;
    if (newStart > oldEnd && events[newStart - 1]!.timestamp - events[oldEnd]!.timestamp > LIMITS.spanMs) {
      this.invalid('The batch of log events in a single PutLogEvents request cannot span more than 24 hours.');
    }
    for (let i = oldEnd; i < newStart; i++) stream.push({ timestamp: events[i]!.timestamp, message: events[i]!.message });
    const info: Record<string, number> = {};
    if (oldEnd > 0) info.tooOldLogEventEndIndex = oldEnd;
    if (newStart < events.length) info.tooNewLogEventStartIndex = newStart;
    return Object.keys(info).length > 0 ? { nextSequenceToken: 'unused', rejectedLogEventsInfo: info } : { nextSequenceToken: 'unused' };
  }
}

export async function startFakeCloudWatch(): Promise<FakeCloudWatch> {
  return new FakeCloudWatch().start();
}
