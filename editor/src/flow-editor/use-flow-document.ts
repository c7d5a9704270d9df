import type { FlowGraph, FlowVersionView, FlowView } from '@dmflow/shared';
import { useCallback, useEffect, useReducer, useState } from 'react';
import { isApiError } from '../api/api-errors';
import type { FlowsApi } from '../api/flows-api';
import type { FlowDispatch } from '../store/flow-actions';
import { createHistory, flowHistoryReducer } from '../store/flow-history';
import { useServerAction } from './use-server-action';
import { publishedNotice } from './published-notice';

const CONFLICT_TEXT =
  'Someone else saved this flow since you opened it. Load their version (your unsaved changes are dropped) or keep editing.';

interface SavedDraft {
  graph: FlowGraph;
  revision: number;
  name: string;
}

function publishState(flow: FlowView) {
  return { published: flow.status === 'published', unpublished: flow.has_unpublished_changes };
}

/**
 * The flow being edited and its life on the server: undo history, the last saved draft (dirty = the document
 * moved on from it), and save, publish, restore and pause/resume.
 */
export function useFlowDocument(flowsApi: FlowsApi, initial: FlowView) {
  const [history, dispatchHistory] = useReducer(flowHistoryReducer, initial.draft, createHistory);
  const [saved, setSaved] = useState<SavedDraft>({ graph: initial.draft, revision: initial.revision, name: initial.name });
  const [status, setStatus] = useState(publishState(initial));
  const [enabled, setEnabled] = useState(initial.enabled);
  // Bumped on publish so the history panel lists the new version.
  const [versionsKey, setVersionsKey] = useState(0);
  const { busy, notice, setNotice, perform } = useServerAction();

  const graph = history.present;
  const dirty = graph !== saved.graph;
  const dispatch = useCallback<FlowDispatch>((action, mergeKey) => dispatchHistory({ type: 'edit', action, mergeKey }), []);
  const undo = useCallback(() => dispatchHistory({ type: 'undo' }), []);
  const redo = useCallback(() => dispatchHistory({ type: 'redo' }), []);

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const save = useCallback(async (): Promise<boolean> => {
    if (!dirty) return true;
    return perform(
      async () => {
        const result = await flowsApi.save(initial.id, saved.revision, { draft: graph });
        setSaved({ graph, revision: result.revision, name: result.name });
        setStatus(publishState(result));
        return { kind: 'info', text: 'Saved.' };
      },
      {
        fallback: 'Could not save.',
        explain: (caught) => (isApiError(caught, 'revision_conflict') ? { kind: 'error', text: CONFLICT_TEXT, conflict: true } : undefined),
      },
    );
  }, [dirty, flowsApi, graph, initial.id, perform, saved.revision]);

  const publish = useCallback(async () => {
    if (!(await save())) return;
    await perform(
      async () => {
        const version = await flowsApi.publish(initial.id);
        setStatus({ published: true, unpublished: false });
        setVersionsKey((key) => key + 1);
        return { kind: 'info', text: publishedNotice(version) };
      },
      {
        fallback: 'Could not publish.',
        explain: (caught) =>
          isApiError(caught, 'flow_invalid')
            ? { kind: 'error', text: `Not published: ${caught.details.map((detail) => detail.message).join('; ')}` }
            : undefined,
      },
    );
  }, [flowsApi, initial.id, perform, save]);

  /** Resolves to whether the draft was replaced (the author may cancel, or the call may fail). */
  const restore = useCallback(
    async (version: FlowVersionView): Promise<boolean> => {
      if (dirty && !window.confirm('Restoring replaces your unsaved changes. Continue?')) return false;
      return perform(
        async () => {
          const result = await flowsApi.restore(initial.id, version.id);
          dispatchHistory({ type: 'load', graph: result.draft });
          setSaved({ graph: result.draft, revision: result.revision, name: result.name });
          setStatus(publishState(result));
          return { kind: 'info', text: `Version ${version.version} restored into the draft. Publish to make it live.` };
        },
        { fallback: 'Could not restore.', blocking: false },
      );
    },
    [dirty, flowsApi, initial.id, perform],
  );

  const toggleEnabled = useCallback(async () => {
    await perform(
      async () => {
        const result = await flowsApi.setEnabled(initial.id, !enabled);
        setEnabled(result.enabled);
        return {
          kind: 'info',
          text: result.enabled
            ? 'Resumed: the trigger starts conversations again.'
            : 'Paused: no new conversations start; those in progress finish.',
        };
      },
      { fallback: 'Could not change the flow.' },
    );
  }, [enabled, flowsApi, initial.id, perform]);

  return {
    id: initial.id,
    name: saved.name,
    graph,
    dirty,
    canUndo: history.past.length > 0,
    canRedo: history.future.length > 0,
    status,
    enabled,
    versionsKey,
    busy,
    notice,
    setNotice,
    dispatch,
    undo,
    redo,
    save,
    publish,
    restore,
    toggleEnabled,
  };
}

export type FlowDocument = ReturnType<typeof useFlowDocument>;
