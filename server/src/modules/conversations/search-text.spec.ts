import { containsPattern, isSearchable, type SenderType } from './search-text';

describe('search text', () => {
  it.each<[SenderType, boolean]>([
    ['contact', true],
    ['member', true],
    ['api', true],
    ['flow', false],
  ])('a message sent by %s joins the search text: %s', (sender, searchable) => {
    expect(isSearchable(sender)).toBe(searchable);
  });

  it('matches the query anywhere, its %, _ and \\ as literal characters', () => {
    expect(containsPattern('order 4471')).toBe('%order 4471%');
    expect(containsPattern('50%_off\\')).toBe('%50\\%\\_off\\\\%');
  });
});
