import { type BlockContentProps, Preview } from '../block-content-parts';
import { readText } from '../config-readers';

export function HttpRequestContent({ config }: BlockContentProps) {
  const url = readText(config, 'url');
  return <Preview empty="Set the URL">{url && `${readText(config, 'method')} ${url}`}</Preview>;
}
