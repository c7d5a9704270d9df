import { ArrayMinSize, IsArray, IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import type { BlockDefinition } from '../../kernel/block-definition';

export class TagConfig {
  @IsIn(['add', 'remove'])
  action: 'add' | 'remove';

  @IsArray()
  @ArrayMinSize(1, { message: 'name at least one tag' })
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(50, { each: true })
  tags: string[];
}

export const tagBlock: BlockDefinition<TagConfig> = {
  type: 'tag',
  label: 'Tag',
  description: 'Adds tags to the contact or removes them.',
  icon: 'tag',
  category: 'contact',
  configClass: TagConfig,
  defaults: () => Object.assign(new TagConfig(), { action: 'add', tags: ['lead'] }),
  fields: [
    {
      name: 'action',
      label: 'Action',
      kind: 'select',
      options: [
        { value: 'add', label: 'Add tags' },
        { value: 'remove', label: 'Remove tags' },
      ],
    },
    { name: 'tags', label: 'Tags', kind: 'string-list', commaSeparated: true, placeholder: 'e.g. lead, guide-2026', maxLength: 50 },
  ],
  ports: () => [{ id: 'next', label: 'Next' }],
  sendsMessage: false,
  enter: ({ config }) => (config.action === 'add' ? { next: 'next', addTags: config.tags } : { next: 'next', removeTags: config.tags }),
};
