import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// compiled to dist/test/helpers/: the committed fixtures are under test/fixtures/certs
const dir = new URL('../../../test/fixtures/certs/', import.meta.url);

export const certPath = (name: string): string => fileURLToPath(new URL(name, dir));
export const pem = (name: string): Buffer => readFileSync(new URL(name, dir));
