/**
 * The W3C Trace Context test-harness contract (https://github.com/w3c/trace-context/tree/main/test):
 * `POST /test` receives `[{ "url": ..., "arguments": [...] }, ...]`; for each element, in order, the
 * service POSTs `arguments` as JSON to `url`. Each call is a `fetch`, so Meridian's outbound
 * instrumentation gives it its own CLIENT span and the traceparent/tracestate headers.
 */
export interface TestCase {
  url: string;
  arguments: unknown[];
}

/** Validate the request body; returns the cases or a message saying what was wrong. */
export function parseTestCases(body: unknown): TestCase[] | string {
  if (!Array.isArray(body)) return 'body must be a JSON array of { "url": string, "arguments": array }';
  for (let i = 0; i < body.length; i++) {
    const item = body[i] as Partial<TestCase> | null;
    if (item === null || typeof item !== 'object' || typeof item.url !== 'string' || !Array.isArray(item.arguments)) {
      return `element ${i} must be { "url": string, "arguments": array }`;
    }
    try {
      const u = new URL(item.url);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') return `element ${i}: url must be http(s)`;
    } catch {
      return `element ${i}: url is not a URL`;
    }
  }
  return body as TestCase[];
}

/** Call each case in order, each one awaited before the next (the harness checks the order). */
export async function runTestCases(cases: readonly TestCase[]): Promise<void> {
  for (const c of cases) {
    const res = await fetch(c.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(c.arguments),
    });
    await res.arrayBuffer();
  }
}
