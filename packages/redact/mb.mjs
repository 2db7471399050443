import { createRedactor } from './dist/src/index.js';
import { prefilter } from './dist/src/internal/prefilter.js';
const r = createRedactor({ config: { enabled: true, mode: 'mask', hashKey: undefined, disabledTypes: [], extraKeys: [] } });
const CLEAN = [
  'GET /api/v1/orders/48213 200 12ms',
  'request completed status=200 duration_ms=14 route=/health',
  'cache miss for product catalogue, refreshing',
  'worker 3 picked up job from queue payments-high',
  'user session refreshed, expires in 3600s',
  'connected to redis in 3ms',
  'retrying request to upstream (attempt 2 of 5)',
  'order shipped, carrier=DHL, eta=2 days',
  'scheduled task reconcile-ledger finished in 812ms',
];
const pf = { flags: 0, clusters: [] };
for (const l of CLEAN) { prefilter(l, pf); console.log(pf.flags, l); }
function bench(name, fn) { for (let k=0;k<3;k++){ const N=2_000_000; const t=performance.now(); for (let i=0;i<N;i++) fn(CLEAN[i%9]); const dt=performance.now()-t; console.log(name, Math.round(N/dt*1000).toLocaleString()); } }
bench('prefilter', (l) => prefilter(l, pf));
bench('redact', (l) => r.redact(l));
bench('noop-len', (l) => l.length);
