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

  it.each([
    'constructor',
    '__proto__',
    'toString',
    'hasOwnProperty',
    'contact.constructor',
    'contact.__proto__',
    'list.constructor',
    'name.constructor',
  ])('reads own properties only: {{%s}} renders as a missing variable (security review L5)', (path) => {
    expect(renderTemplate(`[{{${path}}}]`, { contact: { username: 'ana' }, list: [1], name: 'Ana' })).toBe('[]');
  });

  it('reads a variable stored under an own key that objects inherit', () => {
    expect(
      renderTemplate('{{constructor}} {{vars.__proto__}}', { constructor: 'own', vars: JSON.parse('{"__proto__":"also own"}') as object }),
    ).toBe('own also own');
  });

  it('lists the variables a template uses', () => {
    expect(templateVariables('{{a}} and {{ b.c }}')).toEqual(['a', 'b.c']);
  });
});
