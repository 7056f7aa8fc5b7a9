import { ROLE_DESCRIPTIONS, type Role } from '@ipo/domain/access';
import type { PrismaClient } from '../db/prisma.js';
import { resolveTeams } from './users.js';

/**
 * One user per role for the demo (decision 11): with the demo data on and no identity provider,
 * the sign-in page offers them with one click and no password. With the demo data off they
 * cannot sign in (the route answers 404) and any demo session left over is ended at start-up.
 */
export const DEMO_USERS: readonly {
  email: string;
  name: string;
  roles: Role[];
  teams: string[];
}[] = [
  { email: 'manager@demo.example', name: 'Morgan Ellis', roles: ['manager'], teams: [] },
  {
    email: 'team-lead@demo.example',
    name: 'Tariq Hughes',
    roles: ['team-lead'],
    teams: ['Examination Team C'],
  },
  { email: 'viewer@demo.example', name: 'Viv Patel', roles: ['viewer'], teams: [] },
  {
    email: 'data-steward@demo.example',
    name: 'Sam Okafor',
    roles: ['data-steward'],
    teams: [],
  },
  { email: 'admin@demo.example', name: 'Alex Morgan', roles: ['admin'], teams: [] },
];

export function demoDescription(roles: readonly Role[]): string {
  return roles.map((r) => ROLE_DESCRIPTIONS[r]).join('; ');
}

/** Creates or refreshes the demo users (roles and teams as above, no password, enabled). */
export async function ensureDemoUsers(prisma: PrismaClient): Promise<void> {
  for (const demo of DEMO_USERS) {
    const teamIds = await resolveTeams(prisma, demo.teams);
    await prisma.$transaction(async (tx) => {
      const user = await tx.user.upsert({
        where: { email: demo.email },
        create: { email: demo.email, name: demo.name, roles: demo.roles },
        update: { name: demo.name, roles: demo.roles, disabledAt: null, passwordHash: null },
        select: { id: true },
      });
      await tx.userTeam.deleteMany({ where: { userId: user.id } });
      await tx.userTeam.createMany({
        data: teamIds.map((teamId) => ({ userId: user.id, teamId })),
      });
    });
  }
}

/** With the demo off: no demo session survives, and demo users cannot sign in any other way. */
export async function endDemoSessions(prisma: PrismaClient): Promise<number> {
  const { count } = await prisma.session.deleteMany({ where: { method: 'demo' } });
  return count;
}
