import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redactor } from './helpers.js';

const r = redactor();

function masks(input: string, expected: string): void {
  assert.equal(r.redact(input), expected, `input: ${input}`);
}

function untouched(input: string): void {
  assert.equal(r.redact(input), input, `should stay untouched: ${input}`);
}

test('CLI flags: --db-password=…, --auth-token=…, --password <value>', () => {
  masks(
    'exec: node migrate.js --db-password=hunter2 --auth-token=abc123 --verbose',
    'exec: node migrate.js --db-password=[REDACTED:secret] --auth-token=[REDACTED:secret] --verbose',
  );
  masks('spawn mysql --user=app --password s3cr3t -h db', 'spawn mysql --user=app --password [REDACTED:secret] -h db');
  masks('argv ["--client-secret","abc123","--port","80"]', 'argv ["--client-secret","[REDACTED:secret]","--port","80"]');
  untouched('docker login --password-stdin --username bob; psql --no-password -h db; run --token-file /etc/tok --dry-run');
});

test('environment dumps: SECRET_KEY, DB_PASS, SMTP_PASS, AWS_SECRET_ACCESS_KEY', () => {
  masks(
    'env SECRET_KEY=django-insecure-9x DB_PASS=s3cret SMTP_PASS=hunter2 DB_HOST=db.internal',
    'env SECRET_KEY=[REDACTED:secret] DB_PASS=[REDACTED:secret] SMTP_PASS=[REDACTED:secret] DB_HOST=db.internal',
  );
  masks('export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'export AWS_SECRET_ACCESS_KEY=[REDACTED:secret]');
  masks('redisPass: hunter2, mail.pass=x1', 'redisPass: [REDACTED:secret], mail.pass=[REDACTED:secret]');
  masks(
    'DB_PWD=p4ss SECRET_KEY_BASE=9f86d081884c ENCRYPTION_KEY=k3y',
    'DB_PWD=[REDACTED:secret] SECRET_KEY_BASE=[REDACTED:secret] ENCRYPTION_KEY=[REDACTED:secret]',
  );
  untouched('bypass=cache compass=north BYPASS=1 passes=3 pass_rate=0.98 SECRET_NAME=db-creds cache_key=user:42 primary_key=id');
});

test('connection strings: AccountKey=, SharedAccessKey=, Password= (values may hold spaces, + / =)', () => {
  masks(
    'DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;EndpointSuffix=core.windows.net',
    'DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=[REDACTED:secret];EndpointSuffix=core.windows.net',
  );
  masks(
    'Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=k3y+abc/def=',
    'Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=[REDACTED:secret]',
  );
  masks(
    'Server=tcp:db.example.net,1433;Database=app;User ID=admin;Password=Str0ng Pass!;Encrypt=True',
    'Server=tcp:db.example.net,1433;Database=app;User ID=admin;Password=[REDACTED:secret];Encrypt=True',
  );
  masks('Driver={ODBC Driver 18};Server=db;Uid=sa;Pwd=my p@ss;', 'Driver={ODBC Driver 18};Server=db;Uid=sa;Pwd=[REDACTED:secret];');
});

test('the AWS secret access key next to its key id', () => {
  masks('using AKIAIOSFODNN7EXAMPLE wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY for s3', 'using [REDACTED:aws_key] [REDACTED:secret] for s3');
  masks('credentials.csv: AKIAIOSFODNN7EXAMPLE,wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'credentials.csv: [REDACTED:aws_key],[REDACTED:secret]');
  masks('aws AKIAIOSFODNN7EXAMPLE:wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'aws [REDACTED:aws_key]:[REDACTED:secret]');
  // a git SHA or a plain word next to a key id is not a secret key
  masks('AKIAIOSFODNN7EXAMPLE 3f786850e387550fdab836ed7e6dc881de23001b', '[REDACTED:aws_key] 3f786850e387550fdab836ed7e6dc881de23001b');
  untouched('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY alone is indistinguishable from any base64');
});

test('structured records: secretAccessKey, DB_PASS, AccountKey by key name', () => {
  assert.deepEqual(
    r.redact({
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      SecretAccessKey: 'x',
      aws_secret_access_key: 'y',
      DB_PASS: 'z',
      smtpPass: 'q',
      AccountKey: 'k',
      SECRET_KEY: 's',
      bypass: 'cache',
      compass: 'north',
    }),
    {
      accessKeyId: '[REDACTED:aws_key]',
      secretAccessKey: '[REDACTED:secret]',
      SecretAccessKey: '[REDACTED:secret]',
      aws_secret_access_key: '[REDACTED:secret]',
      DB_PASS: '[REDACTED:secret]',
      smtpPass: '[REDACTED:secret]',
      AccountKey: '[REDACTED:secret]',
      SECRET_KEY: '[REDACTED:secret]',
      bypass: 'cache',
      compass: 'north',
    },
  );
});

test('token_type=Bearer is an OAuth response field, not an authorization header', () => {
  untouched('oauth ok token_type=Bearer expires_in=3600 scope=read');
  untouched('oauth ok {"access_token":"[REDACTED:secret]","token_type":"Bearer","expires_in":3600}');
  untouched('token_type: Bearer\nexpires_in: 3600');
  untouched('"token_type": "bearer", "expires_in": 3599');
  masks('Authorization: Bearer abc123def456ghi789', 'Authorization: Bearer [REDACTED:authorization]');
  masks('curl -H "Authorization: Bearer 9f8e7d6c5b4a" https://api', 'curl -H "Authorization: Bearer [REDACTED:authorization]" https://api');
  masks('upstream sent Bearer 9f8e7d6c5b4a3f2e', 'upstream sent Bearer [REDACTED:authorization]');
});
