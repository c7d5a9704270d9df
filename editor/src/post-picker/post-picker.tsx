import { useCallback, useEffect, useState } from 'react';
import type { InstagramAccountView, InstagramMediaItemView, PostChoice } from '@dmflow/shared';
import { apiErrorMessage } from '../api/api-errors';
import type { InstagramAccountsApi } from '../api/instagram-accounts-api';
import './post-picker.css';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

function postDate(timestamp: string | null): string {
  if (!timestamp) return '';
  const date = new Date(timestamp.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(date.getTime()) ? '' : dateFormat.format(date);
}

function mediaLabel(type: string): string {
  return { VIDEO: 'Reel', CAROUSEL_ALBUM: 'Carousel' }[type] ?? 'Post';
}

const SCOPE_TILES = [
  { scope: 'any', title: 'Any post', caption: 'Comments on all your posts and reels' },
  { scope: 'next', title: 'Next post', caption: 'The next post you publish after going live' },
] as const;

export interface PostPickerProps {
  instagramApi: InstagramAccountsApi;
  value: PostChoice | null;
  onChange: (choice: PostChoice) => void;
  /** Offer "Any post" and "The next post I publish" besides the account's posts. */
  offerScopes?: boolean;
}

interface MediaState {
  account: InstagramAccountView;
  posts: InstagramMediaItemView[];
  nextCursor: string | null;
}

/** Pick the post a comment trigger listens to, from the connected account's posts and reels (thumbnails and captions). */
export function PostPicker({ instagramApi, value, onChange, offerScopes = true }: PostPickerProps) {
  const [media, setMedia] = useState<MediaState | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);

  const loadPage = useCallback(
    async (account: InstagramAccountView, cursor?: string) => {
      setLoading(true);
      try {
        const page = await instagramApi.media(account.id, cursor);
        setMedia((current) => ({
          account,
          posts: cursor && current ? [...current.posts, ...page.data] : page.data,
          nextCursor: page.next_cursor,
        }));
        setProblem(null);
      } catch (caught) {
        setProblem(apiErrorMessage(caught, 'Could not load your posts.'));
      } finally {
        setLoading(false);
      }
    },
    [instagramApi],
  );

  useEffect(() => {
    let cancelled = false;
    instagramApi.list().then(
      (accounts) => {
        if (cancelled) return;
        const account = accounts.find((candidate) => candidate.has_access_token) ?? accounts[0];
        if (!account) {
          setLoading(false);
          setProblem('Connect an Instagram account to choose one of its posts. Until then, "Any post" works.');
          return;
        }
        void loadPage(account);
      },
      (caught: unknown) => {
        if (cancelled) return;
        setLoading(false);
        setProblem(apiErrorMessage(caught, 'Could not load your Instagram accounts.'));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [instagramApi, loadPage]);

  const selectedId = value?.scope === 'specific' ? value.mediaId : null;
  const known = media?.posts.some((post) => post.id === selectedId) ?? false;

  return (
    <div className="post-picker" role="group" aria-label="Which post">
      {media && <p className="post-picker-account">Posts of @{media.account.username}</p>}
      <div className="post-grid">
        {offerScopes &&
          SCOPE_TILES.map((tile) => (
            <button
              key={tile.scope}
              type="button"
              className="post-tile post-scope"
              aria-pressed={value?.scope === tile.scope}
              onClick={() => onChange({ scope: tile.scope })}
            >
              <span className="post-scope-title">{tile.title}</span>
              <span className="post-caption">{tile.caption}</span>
            </button>
          ))}
        {media?.posts.map((post) => {
          const picture = post.thumbnail_url ?? (post.media_type === 'VIDEO' ? null : post.media_url);
          const caption = post.caption?.trim() || 'No caption';
          return (
            <button
              key={post.id}
              type="button"
              className="post-tile"
              aria-pressed={selectedId === post.id}
              aria-label={`${mediaLabel(post.media_type)}: ${caption}`}
              data-media-id={post.id}
              onClick={() => onChange({ scope: 'specific', mediaId: post.id })}
            >
              {picture ? (
                <img src={picture} alt="" loading="lazy" />
              ) : (
                <span className="post-no-picture">{mediaLabel(post.media_type)}</span>
              )}
              <span className="post-caption">{caption}</span>
              <span className="post-meta">
                {mediaLabel(post.media_type)}
                {postDate(post.timestamp) && ` · ${postDate(post.timestamp)}`}
              </span>
            </button>
          );
        })}
      </div>
      {selectedId && media && !known && <p className="post-picker-note">Chosen post: {selectedId} (not among the posts loaded)</p>}
      {loading && <p className="post-picker-note">Loading your posts…</p>}
      {media && !loading && media.posts.length === 0 && <p className="post-picker-note">This account has no posts yet.</p>}
      {media?.nextCursor && !loading && (
        <button type="button" className="secondary" onClick={() => void loadPage(media.account, media.nextCursor ?? undefined)}>
          More posts
        </button>
      )}
      {problem && (
        <p className="problem" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
