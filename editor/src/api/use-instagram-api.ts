import { useMemo } from 'react';
import { ApiClient } from './api-client';
import { loadConnection } from './connection';
import { InstagramApi } from './instagram-api';

/** The Instagram endpoints over the current connection, or null when the editor is not connected (unit tests). */
export function useInstagramApi(): InstagramApi | null {
  return useMemo(() => {
    const connection = loadConnection();
    return connection ? new InstagramApi(new ApiClient(connection)) : null;
  }, []);
}
