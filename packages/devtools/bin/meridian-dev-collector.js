#!/usr/bin/env node
// meridian-dev-collector: an OTLP/HTTP receiver that prints traces as waterfalls (see README).
import { main } from '../dist/src/cli.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error(err);
    process.exitCode = 1;
  },
);
