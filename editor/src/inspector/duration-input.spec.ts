import { describe, expect, it } from 'vitest';
import { unitFor } from './duration-input';
import { singular } from './field-input';

describe('friendly units and labels', () => {
  it('shows a waiting time in the largest whole unit', () => {
    expect(unitFor(0).id).toBe('hours');
    expect(unitFor(900).id).toBe('minutes');
    expect(unitFor(7200).id).toBe('hours');
    expect(unitFor(172_800).id).toBe('days');
  });

  it('names one item of a list correctly', () => {
    expect(singular('Quick replies')).toBe('Quick reply');
    expect(singular('Buttons')).toBe('Button');
  });
});
