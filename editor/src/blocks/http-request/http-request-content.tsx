import { type BlockContentProps, Preview } from '../block-content-parts';

export function HttpRequestContent({ config }: BlockContentProps<'http_request'>) {
  return <Preview empty="Set the URL">{config.url && `${config.method} ${config.url}`}</Preview>;
}
