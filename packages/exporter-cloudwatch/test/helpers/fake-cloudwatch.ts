/** The CloudWatch Logs protocol fake lives in @meridian/testing (shared with the end-to-end tests). */
export { FakeCloudWatch, startFakeCloudWatch } from '@meridian/testing';
export type { StoredEvent } from '@meridian/testing';
