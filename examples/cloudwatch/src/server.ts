// Ships this service's logs to CloudWatch Logs. Configuration is the environment only, e.g.:
//   MERIDIAN_LOG_EXPORTERS=console,cloudwatch MERIDIAN_CLOUDWATCH_LOG_GROUP=/shop/orders AWS_REGION=eu-central-1 \
//   MERIDIAN_ALLOWED_REGIONS='eu-*' node --import @meridian/node/register dist/server.js
// Point it at a local CloudWatch-compatible endpoint with AWS_ENDPOINT_URL_CLOUDWATCH_LOGS=http://127.0.0.1:4566.
import { logger, shutdown } from '@meridian/node';

for (let i = 1; i <= 5; i++) {
  logger.info('order paid', { orderId: `ord-${i}`, email: `customer${i}@example.com` }); // the e-mail is masked
}
logger.error(new Error('payment provider timeout'), { orderId: 'ord-6' }); // sent at once (error lane)

await shutdown(); // resolves once CloudWatch acknowledged every record (or the deadline passed)
