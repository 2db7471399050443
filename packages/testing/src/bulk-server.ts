import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type ServerOptions } from 'node:https';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { close } from './http-helpers.js';
import { fieldNameError } from './es-field-names.js';

export type Doc = Record<string, unknown>;

/** What the whole request gets instead of per-item results (503 storm, 401 …), or `undefined` for a normal answer. */
export type RequestAnswer = { status: number; headers?: Record<string, string>; body?: unknown } | 'hang-up' | undefined;

export interface BulkServerOptions {
  /** Expected `authorization` header; anything else answers 401. */
  auth?: string;
  /** 413 when the body on the wire is larger than this. */
  maxContentLength?: number;
  tls?: ServerOptions;
}

/**
 * An Elasticsearch `_bulk` endpoint on 127.0.0.1: POST /_bulk or /<index>/_bulk, gunzips,
 * checks the protocol (NDJSON content type, `create` action lines with _index, body ending with a
 * newline) and stores documents by `_id` like Elasticsearch does: a `create` of an id already
 * stored answers 409, and a document with a field name Elasticsearch's parser refuses (empty,
 * whitespace only, an empty or blank part between dots, a metadata field at the root; see
 * es-field-names.ts) answers 400 `document_parsing_exception`, whatever `itemStatus` says.
 * `itemStatus` decides per document (default 201); `requestAnswer` per request.
 */
export class BulkServer {
  /** Stored documents, by _id. */
  readonly stored = new Map<string, Doc>();
  /** Every document received, in order, with the status it was answered. */
  readonly received: { id: string; index: string; doc: Doc; status: number }[] = [];
  /** Protocol violations seen (a test asserts there are none). */
  readonly violations: string[] = [];
  requests = 0;
  readonly encodings: (string | undefined)[] = [];
  itemStatus: (doc: Doc, seenBefore: number) => number = () => 201;
  requestAnswer: (n: number) => RequestAnswer = () => undefined;
  /** Store the documents of a request, then answer as requestAnswer says (an answer lost after storing). */
  storeBeforeAnswer = false;
  port = 0;
  private server: Server | undefined;
  private autoId = 0;
  private readonly seen = new Map<string, number>();

  constructor(private readonly options: BulkServerOptions = {}) {}

  get url(): string {
    return `${this.options.tls ? 'https' : 'http'}://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    const handler = (req: IncomingMessage, res: ServerResponse): void => void this.handle(req, res);
    const server = this.options.tls ? createHttpsServer(this.options.tls, handler) : createHttpServer(handler);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    if (s !== undefined) await close(s);
  }

  private violation(what: string): void {
    if (this.violations.length < 20) this.violations.push(what);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const wire = Buffer.concat(chunks);
    const n = ++this.requests;
    const json = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'POST' || !/^(\/[^/]+)?\/_bulk(\?|$)/.test(req.url ?? '')) {
      this.violation(`unexpected ${req.method} ${req.url}`);
      return json(404, { error: 'not found' });
    }
    if (this.options.auth !== undefined && req.headers.authorization !== this.options.auth) {
      return json(401, { error: { type: 'security_exception', reason: 'unable to authenticate' }, status: 401 });
    }
    if (this.options.maxContentLength !== undefined && wire.length > this.options.maxContentLength) {
      return json(413, { error: 'content too long' });
    }
    if (!String(req.headers['content-type']).startsWith('application/x-ndjson')) this.violation(`content-type ${req.headers['content-type']}`);
    const encoding = req.headers['content-encoding'];
    this.encodings.push(encoding);
    const text = (encoding === 'gzip' ? gunzipSync(wire) : wire).toString('utf8');
    if (!text.endsWith('\n')) this.violation('body does not end with a newline');
    const lines = text.split('\n');
    lines.pop();
    if (lines.length % 2 !== 0) this.violation('odd number of lines');
    const before = this.requestAnswer(n);
    const docs: { id: string; index: string; doc: Doc }[] = [];
    for (let i = 0; i + 1 < lines.length; i += 2) {
      const action = JSON.parse(lines[i]!) as { create?: { _index?: string; _id?: string } };
      if (action.create === undefined || typeof action.create._index !== 'string') this.violation(`not a create action with _index: ${lines[i]}`);
      const doc = JSON.parse(lines[i + 1]!) as Doc;
      docs.push({ id: action.create?._id ?? `auto-${++this.autoId}`, index: action.create?._index ?? '', doc });
    }
    if (before !== undefined && !this.storeBeforeAnswer) {
      if (before === 'hang-up') return void res.socket?.destroy();
      return json(before.status, before.body ?? { error: { type: 'unavailable' }, status: before.status }, before.headers);
    }
    const items: unknown[] = [];
    let errors = false;
    for (const d of docs) {
      const seen = this.seen.get(d.id) ?? 0;
      this.seen.set(d.id, seen + 1);
      const nameError = fieldNameError(d.doc);
      const status = this.stored.has(d.id) ? 409 : nameError !== undefined ? 400 : this.itemStatus(d.doc, seen);
      if (status === 201) this.stored.set(d.id, d.doc);
      this.received.push({ ...d, status });
      if (status >= 300) errors = true;
      const item: Record<string, unknown> = { status };
      if (nameError !== undefined && status === 400) item.error = { type: 'document_parsing_exception', reason: `[1:2] failed to parse: ${nameError}` };
      else if (status === 400) item.error = { type: 'mapper_parsing_exception', reason: 'failed to parse field [amount] of type [long]' };
      else if (status === 409) item.error = { type: 'version_conflict_engine_exception', reason: `[${d.id}]: version conflict, document already exists` };
      else if (status === 429) item.error = { type: 'es_rejected_execution_exception', reason: 'rejected execution' };
      else if (status >= 500) item.error = { type: 'unavailable_shards_exception', reason: 'primary shard is not active' };
      items.push({ create: item });
    }
    if (before !== undefined) {
      if (before === 'hang-up') return void res.socket?.destroy();
      return json(before.status, before.body ?? {}, before.headers);
    }
    json(200, { errors, items });
  }
}
