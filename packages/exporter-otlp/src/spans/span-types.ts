/**
 * The shape of a finished span as the OpenTelemetry JS SDK (2.x) hands it to exporters
 * (`ReadableSpan` of @opentelemetry/sdk-trace-base), declared here structurally so this package
 * needs neither the SDK nor the API at run time. Any `ReadableSpan` is a `SpanLike`.
 */

/** `[seconds, nanoseconds]` since the epoch, as the SDK keeps times. */
export type HrTimeLike = readonly [number, number];

/**
 * An attribute value: what the OpenTelemetry API allows (strings, numbers, booleans, homogeneous
 * arrays of them with null holes), plus what OTLP's AnyValue can carry beyond that (bytes,
 * nested arrays and maps), which log-style attributes use.
 */
export type AttributeValueLike =
  string | number | boolean | Uint8Array | null | undefined | readonly AttributeValueLike[] | { readonly [key: string]: AttributeValueLike };

export type AttributesLike = { readonly [key: string]: AttributeValueLike };

export interface TraceStateLike {
  serialize(): string;
}

export interface SpanContextLike {
  readonly traceId: string;
  readonly spanId: string;
  readonly traceFlags: number;
  readonly traceState?: TraceStateLike;
  readonly isRemote?: boolean;
}

export interface SpanEventLike {
  readonly time: HrTimeLike;
  readonly name: string;
  readonly attributes?: AttributesLike;
  readonly droppedAttributesCount?: number;
}

export interface SpanLinkLike {
  readonly context: SpanContextLike;
  readonly attributes?: AttributesLike;
  readonly droppedAttributesCount?: number;
}

/** The instrumentation scope spans are grouped by (`ScopeSpans`). */
export interface SpanScopeLike {
  readonly name: string;
  readonly version?: string;
  readonly schemaUrl?: string;
  /** Scope attributes (OTLP InstrumentationScope.attributes); the 2.x SDK does not set them yet. */
  readonly attributes?: AttributesLike;
}

export interface SpanLike {
  readonly name: string;
  /** The API's SpanKind: INTERNAL 0, SERVER 1, CLIENT 2, PRODUCER 3, CONSUMER 4. */
  readonly kind: number;
  spanContext(): SpanContextLike;
  readonly parentSpanContext?: SpanContextLike;
  readonly startTime: HrTimeLike;
  readonly endTime: HrTimeLike;
  /** The API's SpanStatusCode: UNSET 0, OK 1, ERROR 2 (the same numbers as OTLP). */
  readonly status: { readonly code: number; readonly message?: string };
  readonly attributes: AttributesLike;
  readonly links: readonly SpanLinkLike[];
  readonly events: readonly SpanEventLike[];
  readonly droppedAttributesCount: number;
  readonly droppedEventsCount: number;
  readonly droppedLinksCount: number;
  readonly instrumentationScope: SpanScopeLike;
}

/** A resource as the SDK's `Resource` exposes it (or a plain object of that shape). */
export interface ResourceLike {
  readonly attributes: AttributesLike;
  readonly schemaUrl?: string;
}
