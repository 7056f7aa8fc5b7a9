import type { AlertNotification } from '@ipo/contracts';
import { useState } from 'react';
import { EmptyState, errorMessage, QueryState, Skeleton } from '../../../components/query-state';
import { focusLater } from '../../../lib/focus';
import { formatDateTime } from '../../../lib/format';
import { Link } from '../../../lib/router';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useCan } from '../../session/access';
import {
  NOTIFICATIONS_SHOWN,
  useMarkAllRead,
  useMarkRead,
  useNotifications,
} from '../api/notifications-api';
import { countOf, EVENT_WORDS } from '../words';
import './notifications-page.css';

export const NOTIFICATIONS_TITLE = 'Notifications';

const SUMMARY_ID = 'notifications-summary';
const itemId = (id: number) => `notification-${id}`;

/** 'You have 3 unread notifications.', and whether only the newest are shown. */
function summaryOf(unread: number, shown: number): string {
  const newest = shown >= NOTIFICATIONS_SHOWN ? ` The newest ${shown} are shown.` : '';
  if (unread === 0) return `You have read all your notifications.${newest}`;
  return `You have ${countOf(unread, 'unread notification')}.${newest}`;
}

/**
 * /notifications: what the alerts the user subscribes to have said, newest first, each with
 * what happened, when, a link to the page about it and whether it has been read (in words).
 */
export function NotificationsPage() {
  useDocumentTitle(NOTIFICATIONS_TITLE);
  const notifications = useNotifications();
  const maySubscribe = useCan('read-records');
  const markAll = useMarkAllRead();
  // What was just done, said in the status line below the heading.
  const [done, setDone] = useState('');

  return (
    <>
      <h1 className="govuk-heading-xl">{NOTIFICATIONS_TITLE}</h1>
      <p className="govuk-body-l">
        What the alerts you subscribe to have told you, newest first: standards that missed or are
        heading to miss their targets, data sources that stopped, low satisfaction and rising
        feedback themes, and when each of them cleared.
      </p>
      {maySubscribe ? (
        <p className="govuk-body">
          <Link className="govuk-link" to="/notifications/settings">
            Choose which alerts you get, how often and how
          </Link>
        </p>
      ) : null}
      <p className="govuk-body" role="status">
        {done}
      </p>
      <QueryState
        query={notifications}
        what="Your notifications"
        loadingText="Loading your notifications…"
        skeleton={<Skeleton height={240} />}
      >
        {(data) => (
          <>
            {data.notifications.length > 0 ? (
              <p className="govuk-body" id={SUMMARY_ID} tabIndex={-1}>
                {summaryOf(data.unread, data.notifications.length)}
              </p>
            ) : null}
            {data.unread > 0 ? (
              <>
                <button
                  type="button"
                  className="govuk-button govuk-button--secondary"
                  aria-disabled={markAll.isPending}
                  onClick={() => {
                    if (markAll.isPending) return;
                    setDone('');
                    markAll.mutate(undefined, {
                      onSuccess: () => {
                        setDone('All your notifications are marked as read.');
                        focusLater(SUMMARY_ID);
                      },
                    });
                  }}
                >
                  Mark all as read
                </button>
                {markAll.isError ? (
                  <p className="govuk-error-message" role="alert">
                    <span className="govuk-visually-hidden">Error:</span> Your notifications could
                    not be marked as read: {errorMessage(markAll.error)}
                  </p>
                ) : null}
              </>
            ) : null}
            {data.notifications.length === 0 ? (
              <EmptyState>
                <p className="govuk-body">
                  There is nothing here yet. A notification appears when an alert you subscribe to
                  opens or clears.
                </p>
                {maySubscribe ? (
                  <p className="govuk-body govuk-!-margin-bottom-0">
                    <Link className="govuk-link" to="/notifications/settings">
                      Subscribe to alerts
                    </Link>
                  </p>
                ) : null}
              </EmptyState>
            ) : (
              <ol className="govuk-list" aria-label="Your notifications, newest first">
                {data.notifications.map((n) => (
                  <NotificationItem key={n.id} notification={n} onDone={setDone} />
                ))}
              </ol>
            )}
          </>
        )}
      </QueryState>
    </>
  );
}

function NotificationItem({
  notification: n,
  onDone,
}: {
  notification: AlertNotification;
  onDone: (words: string) => void;
}) {
  const markRead = useMarkRead();
  const read = n.readAt !== null;
  const when = formatDateTime(n.createdAt);
  return (
    <li
      id={itemId(n.id)}
      tabIndex={-1}
      className={`app-notification${read ? '' : ' app-notification--unread'}`}
    >
      <h2 className="govuk-heading-s govuk-!-margin-bottom-2">
        {EVENT_WORDS[n.event]}: {n.title}, {n.periodLabel}
      </h2>
      <p className="govuk-body-s govuk-!-margin-bottom-2">
        <strong className={read ? 'govuk-tag govuk-tag--grey' : 'govuk-tag'}>
          {read ? 'Read' : 'Unread'}
        </strong>{' '}
        <time dateTime={n.createdAt}>{when}</time>
      </p>
      <p className="govuk-body govuk-!-margin-bottom-2">{n.sentence}</p>
      <p className="govuk-body govuk-!-margin-bottom-2">
        <Link className="govuk-link" to={n.path}>
          See {n.title}
          <span className="govuk-visually-hidden">, {n.periodLabel}</span>
        </Link>
      </p>
      {read ? null : (
        <button
          type="button"
          className="govuk-link app-link-button govuk-body"
          aria-disabled={markRead.isPending}
          onClick={() => {
            if (markRead.isPending) return;
            onDone('');
            markRead.mutate(n.id, {
              onSuccess: () => {
                onDone(`Marked as read: ${n.title}, ${when}.`);
                focusLater(itemId(n.id));
              },
            });
          }}
        >
          Mark as read
          <span className="govuk-visually-hidden">
            : {n.title}, {when}
          </span>
        </button>
      )}
      {markRead.isError ? (
        <p className="govuk-error-message" role="alert">
          <span className="govuk-visually-hidden">Error:</span> This notification could not be
          marked as read: {errorMessage(markRead.error)}
        </p>
      ) : null}
    </li>
  );
}
