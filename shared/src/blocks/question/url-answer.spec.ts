import { normalizeUrlAnswer } from './url-answer';

describe('normalizeUrlAnswer', () => {
  it.each([
    ['https://Example.com', 'https://example.com/'],
    ['HTTP://shop.example.co.uk:80/Path?q=1', 'http://shop.example.co.uk/Path?q=1'],
    ['example.com/shop', 'https://example.com/shop'],
    ['  www.example.org  ', 'https://www.example.org/'],
    ['example.com:8080/x', 'https://example.com:8080/x'],
    ['https://bücher.de', 'https://xn--bcher-kva.de/'],
  ])('%j → %j', (text, expected) => {
    expect(normalizeUrlAnswer(text)).toBe(expected);
  });

  it.each([
    'ftp://example.com',
    'javascript:alert(1)',
    'not a url',
    'localhost',
    'https://user:pw@example.com',
    'https://10.0.0.1/',
    'hello',
    '',
  ])('refuses %j', (text) => {
    expect(normalizeUrlAnswer(text)).toBeNull();
  });
});
