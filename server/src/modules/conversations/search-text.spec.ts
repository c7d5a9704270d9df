import type { MessageSenderType } from './entities/conversation-message.entity';
import { isSearchable } from './search-text';

describe('search text', () => {
  it.each<[MessageSenderType, boolean]>([
    ['contact', true],
    ['member', true],
    ['api', true],
    ['flow', false],
  ])('a message sent by %s joins the search text: %s', (sender, searchable) => {
    expect(isSearchable(sender)).toBe(searchable);
  });
});
