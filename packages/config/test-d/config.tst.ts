// Type tests of @meridian/config's public API (compiled by `tsc -b`, never run): what must compile, and
// with @ts-expect-error what must not. Imported by package name, as users import it.
import {
  type Env,
  type LogLevelSetting,
  type MeridianConfig,
  type MeridianError,
  LOG_LEVELS,
  checkEndpointSecurity,
  checkRegion,
  getConfig,
  loadConfig,
  readBool,
  readEnum,
  readInt,
  readList,
} from '@meridian/config';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectTrue<T extends true>(_: T): void {}

const config: MeridianConfig = loadConfig({ OTEL_SERVICE_NAME: 'checkout' });
expectTrue<Equal<typeof config.log.level, LogLevelSetting>>(true);
expectTrue<Equal<ReturnType<typeof getConfig>, MeridianConfig>>(true);
loadConfig();
// @ts-expect-error: environment values are strings
loadConfig({ MERIDIAN_LOG_LEVEL: 3 });

const env: Env = { MERIDIAN_X: 'a' };
const mode: 'a' | 'b' = readEnum(env, 'MERIDIAN_X', ['a', 'b'] as const, 'a');
const maybe: 'a' | 'b' | undefined = readEnum(env, 'MERIDIAN_X', ['a', 'b'] as const, undefined);
const n: number = readInt(env, 'MERIDIAN_N', 1, 0, 10);
const b: boolean = readBool(env, 'MERIDIAN_B', false);
const levels: LogLevelSetting[] = readList(env, 'MERIDIAN_L', LOG_LEVELS, ['info']);
// @ts-expect-error: "verbose" is not a level
const bad: LogLevelSetting = 'verbose';

const refused: MeridianError | undefined = checkEndpointSecurity('otlp', 'http://collector:4318', { allowInsecure: false });
if (refused !== undefined) {
  const code: string = refused.code;
  void code;
}
checkRegion('otlp', 'eu-central-1', { allowedRegions: ['eu-*'] });
// @ts-expect-error: misspelt guard option (allowInsecure)
checkEndpointSecurity('otlp', 'http://collector:4318', { allowInsecur: true });
// @ts-expect-error: allowed regions are a list of patterns
checkRegion('otlp', 'eu-central-1', { allowedRegions: 'eu-*' });
void [mode, maybe, n, b, levels, bad];
