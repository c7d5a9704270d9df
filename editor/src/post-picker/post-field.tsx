import { useInstagramApi } from '../api/use-instagram-api';
import { PostPicker } from './post-picker';

/** The inspector's "Which post" field: the post picker, or a plain id box where no API is at hand (unit tests). */
export function PostField({ id, value, onChange }: { id: string; value: string; onChange: (mediaId: string) => void }) {
  const instagramApi = useInstagramApi();
  if (!instagramApi) return <input id={id} type="text" value={value} onChange={(event) => onChange(event.target.value)} />;
  return (
    <div id={id}>
      <PostPicker
        instagramApi={instagramApi}
        offerScopes={false}
        value={value ? { scope: 'specific', mediaId: value } : null}
        onChange={(choice) => onChange(choice.scope === 'specific' ? choice.mediaId : '')}
      />
    </div>
  );
}
