/** One post or reel, as GET /v1/instagram-accounts/{id}/media lists it (the editor's post picker). */
export interface InstagramMediaItemView {
  id: string;
  caption: string | null;
  /** IMAGE, VIDEO (reels too) or CAROUSEL_ALBUM. */
  media_type: string;
  media_url: string | null;
  /** A still for videos. */
  thumbnail_url: string | null;
  permalink: string | null;
  timestamp: string | null;
}
