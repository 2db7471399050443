/** A request body that cannot be decoded; its message is sent back to the sender with a 400. */
export class DecodeError extends Error {
  override readonly name: string = 'DecodeError';
}
