// Ships this service's logs to Logstash (json_lines over TLS) and/or Elasticsearch (_bulk, ECS documents):
//   MERIDIAN_LOG_EXPORTERS=console,logstash MERIDIAN_LOGSTASH_URL=tls://logstash.eu.internal:5000 \
//     MERIDIAN_LOGSTASH_CA=/etc/ssl/ca.pem node --import @meridian/node/register dist/server.js
//   MERIDIAN_LOG_EXPORTERS=elasticsearch MERIDIAN_ELASTICSEARCH_URL=https://es.eu.internal:9200 \
//     MERIDIAN_ELASTICSEARCH_API_KEY=… node --import @meridian/node/register dist/server.js
import { logger, shutdown } from '@meridian/node';

const audit = logger.child({ component: 'audit' });
audit.info('login', { user: 'u-42', ip: '203.0.113.7' }); // the IP is personal data: masked
audit.warn('password reset requested', { user: 'u-42', token: 'reset-5f1c9a' }); // `token` masked by key

await shutdown(); // resolves once Logstash / Elasticsearch acknowledged every record (or the deadline passed)
