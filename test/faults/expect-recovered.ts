import type { FaultOutcome } from '../src/faults/fault-scenario';
import { contactsStalledByDoubt } from '../src/faults/invariants';

/**
 * The invariants every fault must leave intact; each failing list names the contacts or events concerned.
 * A conversation whose private reply a SIGKILL left in doubt (never repeated, by design) cannot go on: the driver
 * gives up on it, and the checks below still hold for it (its run waits, its comment was processed once).
 */
export function expectRecovered({ traffic, report, stuck }: FaultOutcome): void {
  const stalled = new Set(contactsStalledByDoubt(report));
  expect(
    traffic.contacts
      .filter((contact) => contact.error && !stalled.has(`contact ${contact.index} (${contact.igUserId})`))
      .map((contact) => `contact ${contact.index}: ${contact.error}`),
  ).toEqual([]);
  expect(report.missingSends).toEqual([]);
  expect(stuck).toEqual({
    inboxUnfinished: 0,
    effectsPending: 0,
    deliveriesUnfinished: 0,
    jobs: { inbound: 0, outbound: 0, timers: 0, webhooks: 0 },
  });
  expect(report.ackedNotProcessed).toEqual([]);
  expect(report.inconsistentRuns).toEqual([]);
  expect(report.duplicateSends).toEqual([]);
  expect(report.duplicateEvents).toEqual([]);
  expect(report.missingEvents).toEqual([]);
  expect(report.undelivered).toEqual([]);
  expect(report.conflictingRedeliveries).toEqual([]);
  expect(report.outOfOrder).toEqual([]);
}
