import type { TeamNotification } from '../api/inbox-api';

interface TeamNotificationsProps {
  notifications: TeamNotification[];
  /** Opens the conversation the notification is about and marks it read. */
  onOpen: (notification: TeamNotification) => void;
  onDismiss: (notification: TeamNotification) => void;
}

/** The signed-in member's unread notifications from flows ("Notify the team"), each linking to its conversation. */
export function TeamNotifications({ notifications, onOpen, onDismiss }: TeamNotificationsProps) {
  return (
    <section className="inbox-notifications" aria-labelledby="inbox-notifications-heading">
      <h2 id="inbox-notifications-heading">
        Notifications
        {notifications.length > 0 && (
          <span className="inbox-unread" aria-label={`${notifications.length} unread notifications`}>
            {notifications.length}
          </span>
        )}
      </h2>
      <ul aria-label="Notifications">
        {notifications.map((notification) => (
          <li key={notification.id}>
            <span className="inbox-notification-text">{notification.text}</span>
            <time dateTime={notification.created_at}>{new Date(notification.created_at).toLocaleString()}</time>
            {notification.contact_id && (
              <button type="button" onClick={() => onOpen(notification)}>
                Open conversation
              </button>
            )}
            <button type="button" onClick={() => onDismiss(notification)}>
              Mark read
            </button>
          </li>
        ))}
        {notifications.length === 0 && <li className="inbox-empty">No new notifications.</li>}
      </ul>
    </section>
  );
}
