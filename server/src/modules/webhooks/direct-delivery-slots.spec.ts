import { DirectDeliverySlots } from './direct-delivery-slots';

describe('DirectDeliverySlots', () => {
  let now: number;
  const slots = () => new DirectDeliverySlots(2, 60_000, () => now);

  beforeEach(() => {
    now = 0;
  });

  it('grants at most the capacity, fewer when some are taken, and again once released', () => {
    const bounded = slots();
    const first = bounded.take(1);
    expect(first).toHaveLength(1);
    expect(bounded.take(3)).toHaveLength(1);
    expect(bounded.take(1)).toEqual([]);
    bounded.release(first[0]);
    expect(bounded.take(1)).toHaveLength(1);
    expect(bounded.inUse).toBe(2);
  });

  it('a slot whose transaction never ended lapses after a minute; a confirmed one is held until released', () => {
    const bounded = slots();
    const [confirmed, unconfirmed] = bounded.take(2);
    bounded.confirm(confirmed);
    now = 59_999;
    expect(bounded.take(1)).toEqual([]);
    now = 60_000;
    expect(bounded.inUse).toBe(1);
    expect(bounded.take(2)).toHaveLength(1);
    bounded.release(unconfirmed);
    bounded.release(confirmed);
    expect(bounded.inUse).toBe(1);
  });
});
