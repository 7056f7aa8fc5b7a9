import {
  AdminUsersResponseSchema,
  ErrorResponseSchema,
  InviteUserBodySchema,
  InviteUserResponseSchema,
  TeamsResponseSchema,
  UpdateUserBodySchema,
  UserChangeResponseSchema,
  UserParamsSchema,
} from '@ipo/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../auth/access-plugin.js';
import { DEMO_USERS } from '../../auth/demo-users.js';
import {
  inviteUser,
  listAdminUsers,
  type SignInWays,
  setUserDisabled,
  UserError,
  updateUserAccess,
} from '../../auth/users.js';
import { HttpError } from '../../plugins/errors.js';

export interface UserRouteOptions {
  /** An identity provider is configured (OIDC_ISSUER): invited users sign in through it. */
  oidc: boolean;
  /** Demo sign-in is asked for (the demo data on); it is off with an identity provider. */
  demo: boolean;
}

const errors = {
  400: ErrorResponseSchema,
  404: ErrorResponseSchema,
  409: ErrorResponseSchema,
};

/** A refused change in the API's words: the status it calls for, naming the field at fault. */
function refused(error: unknown): never {
  if (error instanceof UserError) {
    throw new HttpError(
      error.status,
      error.field ? `${error.field}: ${error.message}` : error.message,
      error.field ? [{ field: error.field, message: error.message }] : undefined,
    );
  }
  throw error;
}

/**
 * Users and their roles, for administrators (decision 11): list, invite, change roles and teams,
 * disable and enable. Every change is audited with the administrator as its actor. Also the list
 * of teams, for every signed-in user (the forms that pick a team).
 */
export const userRoutes: FastifyPluginAsyncZod<UserRouteOptions> = async (app, options) => {
  const demoEmails = new Set(DEMO_USERS.map((u) => u.email));
  const ways: SignInWays = {
    identityProvider: options.oidc,
    isDemoUser: (email) => options.demo && !options.oidc && demoEmails.has(email),
  };

  app.get(
    '/teams',
    {
      config: { access: 'read-figures' },
      schema: {
        tags: ['standards'],
        summary: 'Every team, by service',
        response: { 200: TeamsResponseSchema },
      },
    },
    async () => {
      const services = await app.db.prisma.service.findMany({
        select: {
          code: true,
          name: true,
          teams: { select: { id: true, name: true }, orderBy: { name: 'asc' } },
        },
        orderBy: [{ sortOrder: 'asc' }, { code: 'asc' }],
      });
      return { services: services.filter((s) => s.teams.length > 0) };
    },
  );

  app.get(
    '/admin/users',
    {
      config: { access: 'administer' },
      schema: {
        tags: ['admin'],
        summary:
          'Every user: roles, teams, how they sign in, whether disabled, when they last signed in',
        response: { 200: AdminUsersResponseSchema },
      },
    },
    async () => ({
      users: await listAdminUsers(app.db, ways),
      identityProvider: options.oidc,
    }),
  );

  app.post(
    '/admin/users',
    {
      config: { access: 'administer' },
      schema: {
        tags: ['admin'],
        summary:
          'Invite a user: without an identity provider, their first password is answered once',
        description:
          'Creates the user with the roles and teams given (team ids, from GET /api/teams; a team lead needs one). With an identity provider configured they sign in through it and `initialPassword` is null; without one the server makes a password of 20 random characters, answered in this response only (it is stored as a hash): give it to the person by a separate, private channel.',
        body: InviteUserBodySchema,
        response: { 201: InviteUserResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const answer = await inviteUser(app.db, request.body, {
        actor: actorOf(request).actor,
        ways,
      }).catch(refused);
      // The answer carries a password: no cache may keep it.
      return reply.code(201).header('cache-control', 'no-store').send(answer);
    },
  );

  app.patch(
    '/admin/users/:email',
    {
      config: { access: 'administer' },
      schema: {
        tags: ['admin'],
        summary: 'Replace a user’s roles, teams or both',
        description:
          'A team lead must be left with a team; an administrator may not take away their own administrator role. With an identity provider, its roles claim replaces these at the user’s next sign-in.',
        params: UserParamsSchema,
        body: UpdateUserBodySchema,
        response: { 200: UserChangeResponseSchema, ...errors },
      },
    },
    async (request) => {
      const user = await updateUserAccess(app.db, request.params.email, request.body, {
        actor: actorOf(request).actor,
        ways,
      }).catch(refused);
      return { user };
    },
  );

  app.post(
    '/admin/users/:email/disable',
    {
      config: { access: 'administer' },
      schema: {
        tags: ['admin'],
        summary: 'Disable a user: they cannot sign in, and their sessions end at once',
        params: UserParamsSchema,
        response: { 200: UserChangeResponseSchema, ...errors },
      },
    },
    async (request) =>
      setUserDisabled(app.db, request.params.email, true, {
        actor: actorOf(request).actor,
        ways,
      }).catch(refused),
  );

  app.post(
    '/admin/users/:email/enable',
    {
      config: { access: 'administer' },
      schema: {
        tags: ['admin'],
        summary: 'Enable a disabled user again',
        params: UserParamsSchema,
        response: { 200: UserChangeResponseSchema, ...errors },
      },
    },
    async (request) => {
      const { user } = await setUserDisabled(app.db, request.params.email, false, {
        actor: actorOf(request).actor,
        ways,
      }).catch(refused);
      return { user };
    },
  );
};
