import type { Session, SessionUserView, SignInMethods } from '@ipo/contracts';

/** A session as GET /api/session answers it, for `user`. */
export function sessionOf(user: SessionUserView, csrfToken = `csrf-${user.roles[0]}`): Session {
  return {
    user,
    csrfToken,
    expiresAt: '2025-12-01T18:00:00.000Z',
    idleTimeoutMinutes: 30,
    method: 'password',
  };
}

export const manager: SessionUserView = {
  email: 'morgan.ellis@ipo.example',
  name: 'Morgan Ellis',
  roles: ['manager'],
  teams: [],
};

/** A team lead of the teams the feedback and standard fixtures use (3), and of another (9). */
export const teamLead: SessionUserView = {
  email: 'tariq.hughes@ipo.example',
  name: 'Tariq Hughes',
  roles: ['team-lead'],
  teams: [
    { id: 3, name: 'Contact Centre Newport', service: 'customer-support' },
    { id: 9, name: 'Examination Team C', service: 'patents' },
  ],
};

export const viewer: SessionUserView = {
  email: 'viv.patel@ipo.example',
  name: 'Viv Patel',
  roles: ['viewer'],
  teams: [],
};

export const dataSteward: SessionUserView = {
  email: 'sam.okafor@ipo.example',
  name: 'Sam Okafor',
  roles: ['data-steward'],
  teams: [],
};

/** The default of renderApp: a manager, who may read and do everything but load data. */
export const managerSession = sessionOf(manager);

export const signInMethods: SignInMethods = {
  password: true,
  oidc: null,
  demoUsers: [
    {
      email: 'manager@demo.example',
      name: 'Morgan Ellis',
      roles: ['manager'],
      teams: [],
      description: 'reads figures, and the records and comments of every team; records any action',
    },
    {
      email: 'team-lead@demo.example',
      name: 'Tariq Hughes',
      roles: ['team-lead'],
      teams: [{ id: 9, name: 'Examination Team C', service: 'patents' }],
      description:
        'reads figures, and the records and comments of their own teams; records actions for them',
    },
    {
      email: 'viewer@demo.example',
      name: 'Viv Patel',
      roles: ['viewer'],
      teams: [],
      description: 'reads every figure and aggregate',
    },
  ],
};
