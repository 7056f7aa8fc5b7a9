import { act, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import {
  createMemoryRouter,
  Link,
  matchRoutes,
  Outlet,
  type RouteObject,
  RouterProvider,
  resolveTo,
  useLocation,
  useNavigationType,
  useParams,
  useRouteError,
  useSearchParams,
} from './router';

const Named = ({ name }: { name: string }) => <p>{name}</p>;

function Params() {
  const params = useParams<{ code: string }>();
  return <p>code {params.code}</p>;
}

function Where() {
  const location = useLocation();
  const type = useNavigationType();
  return (
    <p>
      at {location.pathname}
      {location.search} by {type}
    </p>
  );
}

describe('matchRoutes', () => {
  const routes: RouteObject[] = [
    {
      element: <Outlet />,
      children: [
        { index: true, element: <Named name="home" /> },
        { path: 'standards/:code', element: <Params /> },
        {
          path: 'admin',
          children: [
            { index: true, element: <Named name="admin" /> },
            { path: 'users', element: <Named name="users" /> },
          ],
        },
        { path: '*', element: <Named name="not found" /> },
      ],
    },
  ];
  const leaf = (path: string) => matchRoutes(routes, path)?.at(-1);

  it('matches index routes, params, groups without an element and the catch-all last', () => {
    expect(leaf('/')?.route.index).toBe(true);
    expect(leaf('/standards/csc-calls')?.params).toEqual({ code: 'csc-calls' });
    expect(leaf('/standards/a%20b')?.params).toEqual({ code: 'a b' });
    expect(leaf('/admin')?.route.element).toEqual(<Named name="admin" />);
    expect(leaf('/admin/users')?.route.path).toBe('users');
    expect(leaf('/admin/nothing')?.route.path).toBe('*');
    expect(leaf('/standards')?.route.path).toBe('*');
  });

  it('resolves links: absolute, search only, and relative paths', () => {
    const from = { pathname: '/standards/x', search: '?a=1' };
    expect(resolveTo('/feedback?b=2#c', from)).toMatchObject({
      pathname: '/feedback',
      search: '?b=2',
      hash: '#c',
    });
    expect(resolveTo('?b=2', from)).toMatchObject({ pathname: '/standards/x', search: '?b=2' });
    expect(resolveTo({ search: 'b=2' }, from)).toMatchObject({ search: '?b=2' });
    expect(resolveTo('items', from).pathname).toBe('/standards/x/items');
  });
});

describe('RouterProvider', () => {
  function app(initial: string, extra: RouteObject[] = []) {
    const routes: RouteObject[] = [
      {
        element: (
          <main>
            <Link to="/standards/one?x=1">One</Link> <Outlet />
          </main>
        ),
        children: [
          { index: true, element: <Where /> },
          { path: 'standards/:code', element: <Params /> },
          ...extra,
        ],
      },
    ];
    const router = createMemoryRouter(routes, { initialEntries: [initial] });
    render(<RouterProvider router={router} />);
    return router;
  }

  it('follows a link without reloading, and goes back with the history', async () => {
    const router = app('/');
    expect(screen.getByText('at / by POP')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('link', { name: 'One' }));
    expect(await screen.findByText('code one')).toBeInTheDocument();
    expect(router.state.location.search).toBe('?x=1');
    expect(screen.getByRole('link', { name: 'One' })).toHaveAttribute('href', '/standards/one?x=1');
    await act(() => router.navigate(-1));
    expect(await screen.findByText('at / by POP')).toBeInTheDocument();
  });

  it('leaves a click with a modifier key to the browser (a new tab)', () => {
    const router = app('/');
    const link = screen.getByRole('link', { name: 'One' });
    fireEvent.click(link, { ctrlKey: true });
    expect(router.state.location.pathname).toBe('/');
  });

  it('changes the search through useSearchParams, as a new history entry', async () => {
    function Filter() {
      const [params, setParams] = useSearchParams();
      return (
        <button type="button" onClick={() => setParams({ period: '2025-07' })}>
          period {params.get('period') ?? 'none'}
        </button>
      );
    }
    const router = app('/filter', [{ path: 'filter', element: <Filter /> }]);
    await userEvent.click(screen.getByRole('button', { name: 'period none' }));
    expect(await screen.findByRole('button', { name: 'period 2025-07' })).toBeInTheDocument();
    expect(router.state).toMatchObject({
      location: { pathname: '/filter', search: '?period=2025-07' },
      navigationType: 'PUSH',
    });
  });

  it('shows the error element of a route that throws, and starts afresh on the next page', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    function Broken(): never {
      throw new Error('broken page');
    }
    function Problem() {
      return <p>problem: {(useRouteError() as Error).message}</p>;
    }
    const router = app('/broken', [
      { path: 'broken', element: <Broken />, errorElement: <Problem /> },
    ]);
    expect(screen.getByText('problem: broken page')).toBeInTheDocument();
    await act(() => router.navigate('/standards/two'));
    expect(await screen.findByText('code two')).toBeInTheDocument();
  });

  it('loads a lazy route’s code when it is first shown', async () => {
    const load = vi.fn(async () => ({ Component: () => <p>lazy page</p> }));
    app('/later', [{ path: 'later', lazy: load }]);
    expect(screen.getByRole('status')).toHaveTextContent('Loading…');
    expect(await screen.findByText('lazy page')).toBeInTheDocument();
    expect(load).toHaveBeenCalledTimes(1);
  });
});
