import { containsPattern } from './contains-pattern';

describe('containsPattern', () => {
  it('matches the query anywhere, its %, _ and \\ as literal characters', () => {
    expect(containsPattern('order 4471')).toBe('%order 4471%');
    expect(containsPattern('50%_off\\')).toBe('%50\\%\\_off\\\\%');
  });
});
