/** The json_lines listener lives in @meridian/testing (shared with the end-to-end tests). */
export { JsonLinesServer } from '@meridian/testing';
export type { ReceivedLine } from '@meridian/testing';
