import { type CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, PutRetentionPolicyCommand } from '@aws-sdk/client-cloudwatch-logs';
import { alreadyExists, classify, Failure } from './classify.js';

/** Where one group of records goes. */
export interface Target {
  readonly logGroup: string;
  readonly logStream: string;
  /** Applied only when this exporter creates the group. */
  readonly retentionDays: number | undefined;
}

/**
 * Creates a missing log group/stream after PutLogEvents answered ResourceNotFoundException.
 * Nothing is described or created up front: a healthy stream costs one call per batch.
 * Concurrent sends to one target share one creation.
 */
export class Provisioner {
  private readonly pending = new Map<Target, Promise<void>>();
  groupsCreated = 0;
  streamsCreated = 0;

  constructor(
    private readonly client: CloudWatchLogsClient,
    private readonly kmsKeyId: string | undefined,
  ) {}

  /** Rejects with the SDK error if the group/stream could not be created. */
  ensure(target: Target, signal: AbortSignal): Promise<void> {
    let p = this.pending.get(target);
    if (p === undefined) {
      p = this.create(target, signal).finally(() => this.pending.delete(target));
      this.pending.set(target, p);
    }
    return p;
  }

  private async create(t: Target, signal: AbortSignal): Promise<void> {
    const c = this.client;
    try {
      await c.send(new CreateLogStreamCommand({ logGroupName: t.logGroup, logStreamName: t.logStream }), { abortSignal: signal });
      this.streamsCreated++;
      return;
    } catch (err) {
      if (alreadyExists(err)) return;
      if (classify(err) !== Failure.NotFound) throw err;
    }
    // the group is missing too
    let created = true;
    try {
      await c.send(new CreateLogGroupCommand({ logGroupName: t.logGroup, kmsKeyId: this.kmsKeyId }), { abortSignal: signal });
      this.groupsCreated++;
    } catch (err) {
      if (!alreadyExists(err)) throw err;
      created = false; // someone else made it: leave its retention alone
    }
    if (created && t.retentionDays !== undefined) {
      await c.send(new PutRetentionPolicyCommand({ logGroupName: t.logGroup, retentionInDays: t.retentionDays }), { abortSignal: signal });
    }
    try {
      await c.send(new CreateLogStreamCommand({ logGroupName: t.logGroup, logStreamName: t.logStream }), { abortSignal: signal });
      this.streamsCreated++;
    } catch (err) {
      if (!alreadyExists(err)) throw err;
    }
  }
}
