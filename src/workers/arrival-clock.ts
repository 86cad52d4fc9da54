/**
 * When a response counts as arrived, on a thread that may be busy when it comes.
 *
 * A worker learns of a response only when its event loop reads the socket. libuv asks the kernel once per
 * poll phase which sockets are readable (one epoll_wait) and then runs their read callbacks one after the
 * other; each callback's promise continuations (the SDK's deserialisation and middleware, the runner's
 * recording) run before the next socket is read. So when two answers are ready together, the clock read in
 * the second one's callback includes the processing of the first: work of the harness, not of the network
 * or the server.
 *
 * Every response read in one poll phase was already in the kernel when that phase's poll returned, so they
 * all get the time of the first arrival read in the phase (the closest the thread can tell to its return).
 * The phase is over at the loop's next check phase (a `setImmediate`); while one is pending the loop does not
 * wait in its next poll. An arrival never precedes its own write.
 *
 * Limits: libuv polls a second time in the same phase only when the first poll filled its whole event array
 * (1,024 ready handles); answers read in that second poll would get the first poll's time. Responses are
 * read in poll phases only (node:http and net sockets read in their read callbacks); were the first one
 * read in a check phase, the next poll's answers would get its time (the loop does not wait in between).
 */

interface PollPhase {
  /** The clock the phase's first arrival was read on. */
  nowMs: () => number;
  /** The first arrival's time on that clock. */
  arrivedMs: number;
}

let phase: PollPhase | null = null;

function endPhase(): void {
  phase = null;
}

/**
 * The arrival time of a response being read now (call it in the read's callback or its continuations).
 * @param nowMs - the clock stamps are taken on (the runner's)
 * @param writtenMs - when the request of this response was written, on the same clock, if known
 */
export function arrivalMs(nowMs: () => number, writtenMs?: number): number {
  let arrivedMs: number;
  if (phase !== null && phase.nowMs === nowMs) {
    arrivedMs = phase.arrivedMs;
  } else {
    arrivedMs = nowMs();
    if (phase === null) setImmediate(endPhase);
    phase = { nowMs, arrivedMs };
  }
  return writtenMs !== undefined && writtenMs > arrivedMs ? writtenMs : arrivedMs;
}
