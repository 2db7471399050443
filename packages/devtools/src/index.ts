export { startDevCollector } from './collector.js';
export type { DevCollector, DevCollectorOptions } from './collector.js';
export type { DevCollectorEvent, DevCollectorSnapshot, DevCollectorStats } from './internal/trace-store.js';
export { renderWaterfall } from './waterfall.js';
export type { WaterfallOptions } from './waterfall.js';
export { escapeHtml, renderHtmlReport } from './html-report.js';
export type { HtmlReportOptions } from './html-report.js';
export { groupTraces } from './internal/group-traces.js';
export type {
  DevAttributes, DevLogRecord, DevScope, DevSpan, DevSpanEvent, DevSpanLink, DevSpanStatus, DevTrace, DevValue,
} from './model.js';
export { decodeOtlpLogs, decodeOtlpTraces } from './decode.js';
