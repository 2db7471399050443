/** Command-line arguments of `meridian-dev-collector`. */

export interface CliOptions {
  port: number;
  host: string;
  html?: string;
  quietMs: number;
  width?: number;
  color?: boolean;
  help: boolean;
}

export const USAGE = `usage: meridian-dev-collector [options]

An OTLP/HTTP receiver for development: prints each trace as a waterfall once no new span
arrived for --quiet-ms, and log records as they come.

  --port <n>        port to listen on (default 4318; 0 picks a free port)
  --host <addr>     interface to bind (default 127.0.0.1)
  --html <file>     write an HTML report of everything received on exit (SIGINT/SIGTERM)
  --quiet-ms <n>    a trace is printed after this long without new spans (default 1000)
  --width <n>       waterfall width in columns (default: terminal width, else 110)
  --color / --no-color
  -h, --help

Endpoints: POST /v1/traces, /v1/logs (application/x-protobuf or application/json, gzip or not),
           POST /v1/ndjson (Meridian JSON log lines, one object per line)`;

export class CliArgsError extends Error {}

function int(name: string, v: string | undefined, min: number, max: number): number {
  const n = v === undefined || v.trim() === '' ? NaN : Number(v);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new CliArgsError(`MERIDIAN_ERR_DEVTOOLS_ARGS: ${name} "${v ?? ''}" is not valid; accepted: an integer from ${min} to ${max}`);
  }
  return n;
}

export function parseCliArgs(argv: readonly string[]): CliOptions {
  const o: CliOptions = { port: 4318, host: '127.0.0.1', quietMs: 1000, help: false };
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let value: string | undefined;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) {
      value = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    const take = (): string | undefined => value ?? argv[++i];
    switch (arg) {
      case '--port':
        o.port = int('--port', take(), 0, 65535);
        break;
      case '--host': {
        const h = take();
        if (!h) throw new CliArgsError('MERIDIAN_ERR_DEVTOOLS_ARGS: --host needs an address, e.g. 127.0.0.1 or 0.0.0.0');
        o.host = h;
        break;
      }
      case '--html': {
        const f = take();
        if (!f) throw new CliArgsError('MERIDIAN_ERR_DEVTOOLS_ARGS: --html needs a file name, e.g. --html report.html');
        o.html = f;
        break;
      }
      case '--quiet-ms':
        o.quietMs = int('--quiet-ms', take(), 0, 600_000);
        break;
      case '--width':
        o.width = int('--width', take(), 40, 1000);
        break;
      case '--color':
        o.color = true;
        break;
      case '--no-color':
        o.color = false;
        break;
      case '-h':
      case '--help':
        o.help = true;
        break;
      default:
        throw new CliArgsError(
          `MERIDIAN_ERR_DEVTOOLS_ARGS: unknown option "${argv[i]}"; accepted: --port, --host, --html, --quiet-ms, --width, --color, --no-color, --help`,
        );
    }
  }
  return o;
}
