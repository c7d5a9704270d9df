import type { FaultOutcome } from '../src/faults/fault-scenario';

/**
 * The invariants every fault must leave intact; each failing list names the contacts or events concerned.
 * A send a fault left in doubt is settled by asking Meta, so every conversation completes and none is in doubt.
 */
export function expectRecovered({ traffic, report, stuck }: FaultOutcome): void {
  expect(traffic.contacts.filter((contact) => contact.error).map((contact) => `contact ${contact.index}: ${contact.error}`)).toEqual([]);
  expect(report.missingSends).toEqual([]);
  expect(report.sendsInDoubt).toEqual([]);
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
