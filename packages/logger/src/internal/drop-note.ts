/**
 * The logger's own destinations say on stderr when they first drop records, once per destination
 * and cause, with the pipeline's drop code (the transport reports its own the same way). The
 * counts stay in `stats().dropped`.
 */
import { diagnose } from '@meridian/config';
import { ERR_RECORDS_DROPPED } from '@meridian/transport';

export class DropNote {
  private readonly said = new Set<string>();
  constructor(private readonly destination: string) {}

  /** `cause`: what happened and what helps, in words a user can act on. */
  once(cause: string): void {
    if (this.said.has(cause)) return;
    this.said.add(cause);
    diagnose(ERR_RECORDS_DROPPED, `${this.destination} is dropping records: ${cause}; every drop is counted in stats().dropped`);
  }
}
