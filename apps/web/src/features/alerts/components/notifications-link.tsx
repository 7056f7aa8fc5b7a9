import { NavLink, useLocation } from '../../../lib/router';
import { useCan } from '../../session/access';
import { useUnreadCount, useUnreadCountOnEachPage } from '../api/unread-count';
import './notifications-link.css';

/**
 * The header's link to the user's notifications, with the number unread in words ("Notifications,
 * 3 unread"): the badge shows the words too, so nothing is said by its colour alone. It is for
 * those who may subscribe to alerts (managers and team leads: the permission the subscription
 * routes ask for); the count is asked for again, once a minute old, on each page the user opens
 * and on coming back to the tab.
 */
export function NotificationsLink() {
  const maySubscribe = useCan('read-records');
  const { data: unread } = useUnreadCount(maySubscribe);
  useUnreadCountOnEachPage(maySubscribe, useLocation().key);
  if (!maySubscribe) return null;
  return (
    <p className="govuk-body-s app-account__notifications">
      <NavLink to="/notifications" end className="govuk-link">
        Notifications
        {unread === undefined ? null : unread === 0 ? (
          <span className="govuk-visually-hidden">, none unread</span>
        ) : (
          <>
            <span className="govuk-visually-hidden">,</span>{' '}
            <strong className="app-unread-count">{unread} unread</strong>
          </>
        )}
      </NavLink>
    </p>
  );
}
