import { enter, runContext } from '../../testing/run-context.fixture';
import { validateConfig } from '../../kernel/config-validation';
import { pickVariant, randomizerBlock, type RandomizerConfig } from './randomizer.block';

const split = (weights: number[]): RandomizerConfig =>
  Object.assign(randomizerBlock.defaults(), {
    variants: weights.map((weight, index) => ({ id: `v${index}`, label: `V${index}`, weight })),
    sticky: false,
  });

describe('randomizer block', () => {
  it.each([
    [
      [50, 50],
      [0.5, 0.5],
    ],
    [
      [80, 20],
      [0.8, 0.2],
    ],
    [
      [1, 1, 2],
      [0.25, 0.25, 0.5],
    ],
    [
      [100, 0],
      [1, 0],
    ],
  ])('splits %j by weight', (weights, shares) => {
    const config = split(weights);
    const counts = new Map<string, number>();
    for (let i = 0; i < 4000; i++) {
      const id = pickVariant(config, `run${i}:node`).id;
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    shares.forEach((share, index) => expect(Math.abs((counts.get(`v${index}`) ?? 0) / 4000 - share)).toBeLessThan(0.04));
  });

  it('keeps a contact in one variant when sticky, whatever the run', () => {
    const sticky = { ...split([50, 50]), sticky: true };
    const ports = new Set([1, 2, 3, 4, 5].map((n) => enter(randomizerBlock, sticky, runContext({ runId: `run${n}`, seq: n })).next));
    expect(ports.size).toBe(1);
    expect([...ports][0]).toMatch(/^variant:v[01]$/);
  });

  it('has one port per variant', () => {
    expect(randomizerBlock.ports(split([10, 20, 70])).map((port) => port.id)).toEqual(['variant:v0', 'variant:v1', 'variant:v2']);
  });

  it.each([
    ['one variant', { variants: [{ id: 'a', label: 'A', weight: 1 }] }, 'variants'],
    [
      'weights adding to 0',
      {
        variants: [
          { id: 'a', label: 'A', weight: 0 },
          { id: 'b', label: 'B', weight: 0 },
        ],
      },
      'variants',
    ],
    [
      'duplicate ids',
      {
        variants: [
          { id: 'a', label: 'A', weight: 1 },
          { id: 'a', label: 'B', weight: 1 },
        ],
      },
      'variants',
    ],
  ])('refuses %s', (_name, overrides, field) => {
    expect(validateConfig(randomizerBlock, { ...randomizerBlock.defaults(), ...overrides }).map((problem) => problem.field)).toContain(
      field,
    );
  });
});
