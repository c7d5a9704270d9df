import { renderTemplate, templateVariables } from './template';

describe('renderTemplate', () => {
  it.each([
    ['Hi {{name}}!', { name: 'Ana' }, 'Hi Ana!'],
    ['Hi {{ name }}!', { name: 'Ana' }, 'Hi Ana!'],
    ['{{contact.username}} / {{contact.id}}', { contact: { username: 'ana', id: 7 } }, 'ana / 7'],
    ['Missing: [{{nope}}]', {}, 'Missing: []'],
    ['Obj: {{o}}', { o: { a: 1 } }, 'Obj: {"a":1}'],
    ['No placeholders', { name: 'x' }, 'No placeholders'],
  ])('renders %s', (template, values, expected) => {
    expect(renderTemplate(template, values)).toBe(expected);
  });

  it('lists the variables a template uses', () => {
    expect(templateVariables('{{a}} and {{ b.c }}')).toEqual(['a', 'b.c']);
  });
});
