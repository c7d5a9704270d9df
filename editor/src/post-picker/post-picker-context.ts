import { createContext } from 'react';
import type { InstagramApi } from '../api/instagram-api';

/** Lets settings forms deep in the canvas list the account's posts without threading the API through every layer. */
export const InstagramApiContext = createContext<InstagramApi | null>(null);
