import { ROLES, type Role } from '@ipo/domain/access';
import type { PrismaClient } from '../db/prisma.js';
import type { Prisma } from '../generated/prisma/client.ts';
import { hashPassword, passwordProblem } from './passwords.js';

/** Users are plain rows: read and written through Prisma (decision 1). */

export class UserError extends Error {
  override name = 'UserError';
}

/** What a request knows about the signed-in user. */
export interface SessionUser {
  id: number;
  email: string;
  name: string;
  roles: Role[];
  teams: { id: number; name: string; service: string }[];
  teamIds: number[];
}

export const USER_SELECT = {
  id: true,
  email: true,
  name: true,
  roles: true,
  disabledAt: true,
  teams: {
    select: { team: { select: { id: true, name: true, serviceCode: true } } },
    orderBy: { teamId: 'asc' },
  },
} satisfies Prisma.UserSelect;

type UserRow = Prisma.UserGetPayload<{ select: typeof USER_SELECT }>;

export function toSessionUser(row: UserRow): SessionUser {
  const teams = row.teams.map(({ team }) => ({
    id: team.id,
    name: team.name,
    service: team.serviceCode,
  }));
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    roles: ROLES.filter((r) => row.roles.includes(r)),
    teams,
    teamIds: teams.map((t) => t.id),
  };
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}$/;

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/**
 * Team ids for names as people write them: "Examination Team C", or "patents/Examination Team C"
 * (service code first) where two services have a team of that name.
 */
export async function resolveTeams(prisma: PrismaClient, names: readonly string[]) {
  const teams = await prisma.team.findMany({ select: { id: true, name: true, serviceCode: true } });
  return names.map((written) => {
    const slash = written.indexOf('/');
    const service = slash > 0 ? written.slice(0, slash).trim().toLowerCase() : null;
    const name = (slash > 0 ? written.slice(slash + 1) : written).trim().toLowerCase();
    const found = teams.filter(
      (t) => t.name.toLowerCase() === name && (!service || t.serviceCode.toLowerCase() === service),
    );
    if (found.length === 0) throw new UserError(`There is no team called "${written}".`);
    if (found.length > 1) {
      throw new UserError(
        `Several services have a team called "${written}": write it as ${found
          .map((t) => `"${t.serviceCode}/${t.name}"`)
          .join(' or ')}.`,
      );
    }
    return (found[0] as { id: number }).id;
  });
}

export interface NewUser {
  email: string;
  name: string;
  roles: readonly string[];
  teams?: readonly string[];
  /** Omitted: the user signs in only through the identity provider (or the demo). */
  password?: string;
}

export async function createUser(prisma: PrismaClient, input: NewUser): Promise<SessionUser> {
  const email = normaliseEmail(input.email);
  if (!EMAIL.test(email)) throw new UserError(`"${input.email}" is not an e-mail address.`);
  const name = input.name.trim();
  if (!name) throw new UserError('A user needs a name.');
  const unknown = input.roles.filter((r) => !isRole(r));
  if (unknown.length || input.roles.length === 0) {
    throw new UserError(`Roles are ${ROLES.join(', ')}; not "${unknown.join('", "')}".`);
  }
  const teamIds = await resolveTeams(prisma, input.teams ?? []);
  if (input.roles.includes('team-lead') && teamIds.length === 0) {
    throw new UserError('A team lead needs at least one team (--team).');
  }
  let passwordHash: string | null = null;
  if (input.password !== undefined) {
    const problem = passwordProblem(input.password, { email });
    if (problem) throw new UserError(`The password ${problem}.`);
    passwordHash = await hashPassword(input.password);
  }
  const existing = await prisma.user.findUnique({ where: { email }, select: { id: true } });
  if (existing) throw new UserError(`A user with the e-mail address ${email} already exists.`);
  const row = await prisma.user.create({
    data: {
      email,
      name,
      roles: [...new Set(input.roles)],
      passwordHash,
      teams: { create: teamIds.map((teamId) => ({ teamId })) },
    },
    select: USER_SELECT,
  });
  return toSessionUser(row);
}

export async function listUsers(prisma: PrismaClient) {
  const rows = await prisma.user.findMany({
    select: { ...USER_SELECT, createdAt: true, passwordHash: true, oidcSubject: true },
    orderBy: { email: 'asc' },
  });
  return rows.map((row) => ({
    ...toSessionUser(row),
    disabledAt: row.disabledAt,
    createdAt: row.createdAt,
    signsInWith: [
      ...(row.passwordHash ? ['password'] : []),
      ...(row.oidcSubject ? ['identity provider'] : []),
    ],
  }));
}

/** Disables the account and ends its sessions, in one transaction. */
export async function disableUser(prisma: PrismaClient, emailWritten: string) {
  const email = normaliseEmail(emailWritten);
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { email },
      select: { id: true, disabledAt: true },
    });
    if (!user) throw new UserError(`There is no user with the e-mail address ${email}.`);
    if (!user.disabledAt) {
      await tx.user.update({
        where: { id: user.id },
        data: { disabledAt: new Date(), updatedAt: new Date() },
      });
    }
    const { count } = await tx.session.deleteMany({ where: { userId: user.id } });
    return { alreadyDisabled: !!user.disabledAt, sessionsEnded: count };
  });
}
