/** Decodes an ExportLogsServiceRequest from its OTLP/JSON form. */
import type { DevLogRecord } from '../model.js';
import { finishLog, type LogDraft } from './log-draft.js';
import {
  asArray,
  asEnum,
  asId,
  asInt64,
  asObject,
  asString,
  decodeAnyValueJson,
  decodeKeyValuesJson,
  decodeResourceJson,
  decodeScopeJson,
  field,
  parseJsonBody,
} from './otlp-json-common.js';
import type { DecodedBatch } from './span-draft.js';

const SEVERITY_NAMES = ['SEVERITY_NUMBER_UNSPECIFIED'];
for (const level of ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL']) {
  SEVERITY_NAMES.push(`SEVERITY_NUMBER_${level}`, `SEVERITY_NUMBER_${level}2`, `SEVERITY_NUMBER_${level}3`, `SEVERITY_NUMBER_${level}4`);
}

export function decodeLogsRequestJson(body: Uint8Array): DecodedBatch<DevLogRecord> {
  const batch: DecodedBatch<DevLogRecord> = { items: [], rejected: 0, rejectReason: '' };
  const root = parseJsonBody(body);
  asArray(field(root, 'resourceLogs', 'resource_logs'), 'resourceLogs').forEach((rlv, i) => {
    const p = `resourceLogs[${i}]`;
    const rl = asObject(rlv, p);
    if (rl === undefined) return;
    const resource = decodeResourceJson(rl.resource, `${p}.resource`);
    asArray(field(rl, 'scopeLogs', 'scope_logs'), `${p}.scopeLogs`).forEach((slv, j) => {
      const q = `${p}.scopeLogs[${j}]`;
      const sl = asObject(slv, q);
      if (sl === undefined) return;
      const scope = decodeScopeJson(sl.scope, `${q}.scope`);
      asArray(field(sl, 'logRecords', 'log_records'), `${q}.logRecords`).forEach((lv, k) => {
        const l = asObject(lv, `${q}.logRecords[${k}]`);
        if (l !== undefined) finishLog(decodeLogJson(l, `${q}.logRecords[${k}]`), resource, scope, batch);
      });
    });
  });
  return batch;
}

function decodeLogJson(l: Record<string, unknown>, p: string): LogDraft {
  const d: LogDraft = {
    time: asInt64(field(l, 'timeUnixNano', 'time_unix_nano'), `${p}.timeUnixNano`),
    observed: asInt64(field(l, 'observedTimeUnixNano', 'observed_time_unix_nano'), `${p}.observedTimeUnixNano`),
    severityNumber: asEnum(field(l, 'severityNumber', 'severity_number'), `${p}.severityNumber`, SEVERITY_NAMES),
    severityText: asString(field(l, 'severityText', 'severity_text'), `${p}.severityText`),
    body: decodeAnyValueJson(l.body, `${p}.body`, 0),
    attributes: {},
    eventName: asString(field(l, 'eventName', 'event_name'), `${p}.eventName`),
    traceId: asId(field(l, 'traceId', 'trace_id'), `${p}.traceId`, 16),
    spanId: asId(field(l, 'spanId', 'span_id'), `${p}.spanId`, 8),
  };
  decodeKeyValuesJson(l.attributes, `${p}.attributes`, d.attributes);
  return d;
}
