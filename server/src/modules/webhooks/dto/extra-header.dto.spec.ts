import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ExtraHeaderDto } from './extra-header.dto';

const problems = (header: object) =>
  validateSync(plainToInstance(ExtraHeaderDto, header)).flatMap((error) => Object.values(error.constraints ?? {}));

describe('ExtraHeaderDto (security review L2: a header Node cannot send failed every delivery for 3 days)', () => {
  it.each([
    ['a line break', 'a\nb', 'value holds a control character (U+000A); a header value is visible ASCII or Latin-1 text, spaces and tabs'],
    ['a NUL', 'a\0b', 'value holds a control character (U+0000); a header value is visible ASCII or Latin-1 text, spaces and tabs'],
    [
      'a control character',
      'a\u0001b',
      'value holds a control character (U+0001); a header value is visible ASCII or Latin-1 text, spaces and tabs',
    ],
    ['DEL', 'a\u007fb', 'value holds a control character (U+007F); a header value is visible ASCII or Latin-1 text, spaces and tabs'],
    [
      'an emoji',
      'tok😀',
      'value holds "😀", which a header cannot carry; a header value is visible ASCII or Latin-1 text, spaces and tabs',
    ],
    [
      'text beyond Latin-1',
      'Ωmega',
      'value holds "Ω", which a header cannot carry; a header value is visible ASCII or Latin-1 text, spaces and tabs',
    ],
  ])('refuses a value with %s', (_name, value, message) => {
    expect(problems({ name: 'X-Token', value })).toEqual([message]);
  });

  it('accepts visible ASCII, spaces, tabs and Latin-1', () => {
    expect(problems({ name: 'Authorization', value: 'Bearer receiver-token-123' })).toEqual([]);
    expect(problems({ name: 'X-Name', value: 'Zoë\tcafé' })).toEqual([]);
  });

  it('refuses a name that is not an RFC 9110 token', () => {
    expect(problems({ name: 'bad name', value: 'x' })).toEqual(['name must be a valid HTTP header name']);
  });
});
