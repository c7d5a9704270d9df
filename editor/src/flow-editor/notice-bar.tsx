export interface Notice {
  kind: 'info' | 'warning' | 'error';
  text: string;
  /** The draft on the server is newer than the one being edited. */
  conflict?: boolean;
}

/** The outcome of the last server action; a conflict offers to load the saved version. */
export function NoticeBar({ notice, onDismiss }: { notice: Notice | null; onDismiss: () => void }) {
  if (!notice) return null;
  return (
    <div className={`notice notice-${notice.kind}`} role={notice.kind === 'info' ? 'status' : 'alert'} data-testid="notice">
      <span>{notice.text}</span>
      {notice.conflict && (
        <button type="button" className="link-button" onClick={() => window.location.reload()}>
          Load the saved version
        </button>
      )}
      <button type="button" className="link-button" onClick={onDismiss} aria-label="Dismiss">
        ✕
      </button>
    </div>
  );
}
