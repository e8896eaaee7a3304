// Fault injection: make chosen Web API methods (optionally for one channel) fail or slow down, for the next
// N calls or for a time window, so retry and backoff code can be tested against realistic failures.

export type FaultEffect =
  | { readonly kind: 'rate_limited'; readonly retryAfterSeconds: number }
  | { readonly kind: 'http_error'; readonly status: number }
  /** Slack unreachable: the connection is cut without an answer, as a network outage does. */
  | { readonly kind: 'unreachable' }
  | { readonly kind: 'error'; readonly error: string }
  | { readonly kind: 'delay'; readonly ms: number }
  /** Performs the call at once but answers only after `ms`: the caller times out on something that happened. */
  | { readonly kind: 'slow_answer'; readonly ms: number };

export type Fault = FaultEffect & {
  /** A Web API method name such as `chat.postMessage`, or `*` for every method. */
  readonly method: string;
  /** Only calls whose `channel` / `channel_id` argument is this id. */
  readonly channel?: string;
  /** Only the next `times` matching calls. */
  readonly times?: number;
  /** Only for this long after the fault is added. */
  readonly forMs?: number;
};

interface ActiveFault {
  readonly fault: Fault;
  readonly until: number;
  remaining: number;
}

/** The set of active faults; `match` consumes one use of each fault that applies to a call. */
export class FaultRegistry {
  private active: ActiveFault[] = [];

  constructor(private readonly now: () => number) {}

  add(fault: Fault): void {
    this.active.push({
      fault,
      until: fault.forMs === undefined ? Number.POSITIVE_INFINITY : this.now() + fault.forMs,
      remaining: fault.times ?? Number.POSITIVE_INFINITY,
    });
  }

  clear(): void {
    this.active = [];
  }

  /** The effects for one call: any delays and slow answers first, then at most one failure. */
  match(method: string, channel: string | undefined): FaultEffect[] {
    const now = this.now();
    this.active = this.active.filter((a) => a.remaining > 0 && now <= a.until);
    const hits = this.active.filter(
      (a) => (a.fault.method === '*' || a.fault.method === method) && (a.fault.channel === undefined || a.fault.channel === channel),
    );
    const slow = (a: ActiveFault) => a.fault.kind === 'delay' || a.fault.kind === 'slow_answer';
    const delays = hits.filter(slow);
    const failure = hits.find((a) => !slow(a));
    const used = failure ? [...delays, failure] : delays;
    for (const a of used) a.remaining -= 1;
    return used.map((a) => a.fault);
  }
}
