/**
 * The dashboard's router: a route table of nested routes (layouts with an `<Outlet />`, index
 * routes, `:params`, a `*` catch-all, code loaded on first use with `lazy`, an error element per
 * route) over the browser's history, or an in-memory history for tests.
 *
 * It keeps the names and shapes of React Router's data router (`createBrowserRouter`, `Link`,
 * `useSearchParams`, ...) for what the dashboard uses, and nothing else: about 3 KB instead of
 * 31 KB gzipped, which is what the landing page's download budget needed (see
 * docs/decisions/0015-fast-first-paint.md). No loaders, actions or data APIs.
 */
import {
  type AnchorHTMLAttributes,
  Component,
  type ComponentType,
  createContext,
  type ErrorInfo,
  type MouseEvent,
  type ReactNode,
  lazy as reactLazy,
  Suspense,
  startTransition,
  useContext,
  useEffect,
  useMemo,
  useState,
} from 'react';

// ---------------------------------------------------------------------------------------------
// Locations and history

export interface Location {
  pathname: string;
  search: string;
  hash: string;
  /** What the navigation carried (`navigate(to, { state })`), or null. */
  state: unknown;
  /** Unique per history entry. */
  key: string;
}

export type NavigationType = 'POP' | 'PUSH' | 'REPLACE';

export type To = string | Partial<Pick<Location, 'pathname' | 'search' | 'hash'>>;

export interface NavigateOptions {
  replace?: boolean;
  state?: unknown;
}

export interface RouteObject {
  path?: string;
  index?: boolean;
  element?: ReactNode;
  /** Shown instead of this route (and below it) when its rendering throws. */
  errorElement?: ReactNode;
  /** Loads the route's component the first time it is shown. */
  lazy?: () => Promise<{ Component: ComponentType }>;
  children?: RouteObject[];
}

let keySeed = 0;
const newKey = () => `${Date.now().toString(36)}-${(keySeed++).toString(36)}`;

/** Resolve `to` against the current location, as a link or a navigation does. */
export function resolveTo(to: To, from: Pick<Location, 'pathname' | 'search'>): Location {
  const parts =
    typeof to === 'string' ? parsePath(to) : { pathname: '', search: '', hash: '', ...to };
  let pathname = parts.pathname ?? '';
  if (pathname === '') pathname = from.pathname;
  else if (!pathname.startsWith('/')) {
    const base = from.pathname.endsWith('/') ? from.pathname : `${from.pathname}/`;
    pathname = base + pathname;
  }
  const search = parts.search
    ? parts.search.startsWith('?')
      ? parts.search
      : `?${parts.search}`
    : '';
  const hash = parts.hash ? (parts.hash.startsWith('#') ? parts.hash : `#${parts.hash}`) : '';
  return {
    pathname,
    search: search === '?' ? '' : search,
    hash: hash === '#' ? '' : hash,
    state: null,
    key: '',
  };
}

function parsePath(path: string): Pick<Location, 'pathname' | 'search' | 'hash'> {
  let rest = path;
  let hash = '';
  let search = '';
  const hashAt = rest.indexOf('#');
  if (hashAt >= 0) {
    hash = rest.slice(hashAt);
    rest = rest.slice(0, hashAt);
  }
  const searchAt = rest.indexOf('?');
  if (searchAt >= 0) {
    search = rest.slice(searchAt);
    rest = rest.slice(0, searchAt);
  }
  return { pathname: rest, search, hash };
}

export const createPath = (l: Pick<Location, 'pathname' | 'search' | 'hash'>) =>
  `${l.pathname}${l.search}${l.hash}`;

interface History {
  readonly location: Location;
  push(location: Location): void;
  replace(location: Location): void;
  go(delta: number): void;
  /** Called after the browser's back and forward buttons (or `go`). */
  listen(onPop: (location: Location) => void): () => void;
}

function browserHistory(): History {
  const read = (): Location => {
    const state = (window.history.state ?? {}) as { usr?: unknown; key?: string };
    return {
      pathname: window.location.pathname,
      search: window.location.search,
      hash: window.location.hash,
      state: state.usr ?? null,
      key: state.key ?? 'default',
    };
  };
  return {
    get location() {
      return read();
    },
    push(l) {
      window.history.pushState({ usr: l.state, key: l.key }, '', createPath(l));
    },
    replace(l) {
      window.history.replaceState({ usr: l.state, key: l.key }, '', createPath(l));
    },
    go(delta) {
      window.history.go(delta);
    },
    listen(onPop) {
      const handler = () => onPop(read());
      window.addEventListener('popstate', handler);
      return () => window.removeEventListener('popstate', handler);
    },
  };
}

function memoryHistory(initialEntries: string[]): History {
  const entries: Location[] = (initialEntries.length ? initialEntries : ['/']).map((e) => ({
    ...resolveTo(e, { pathname: '/', search: '' }),
    key: newKey(),
  }));
  let index = entries.length - 1;
  const listeners = new Set<(l: Location) => void>();
  return {
    get location() {
      return entries[index] as Location;
    },
    push(l) {
      entries.splice(index + 1, entries.length, l);
      index = entries.length - 1;
    },
    replace(l) {
      entries[index] = l;
    },
    go(delta) {
      const next = Math.min(Math.max(index + delta, 0), entries.length - 1);
      if (next === index) return;
      index = next;
      for (const listener of listeners) listener(entries[index] as Location);
    },
    listen(onPop) {
      listeners.add(onPop);
      return () => listeners.delete(onPop);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The router

export interface RouterState {
  location: Location;
  navigationType: NavigationType;
}

export class Router {
  state: RouterState;
  private readonly listeners = new Set<(state: RouterState) => void>();

  constructor(
    readonly routes: RouteObject[],
    private readonly history: History,
  ) {
    this.state = { location: history.location, navigationType: 'POP' };
    history.listen((location) => this.update({ location, navigationType: 'POP' }));
  }

  /** Go to `to` (a new history entry unless `replace`), or move `delta` entries back/forward. */
  navigate(to: To | number, options: NavigateOptions = {}): Promise<void> {
    if (typeof to === 'number') {
      this.history.go(to);
      return Promise.resolve();
    }
    const location = {
      ...resolveTo(to, this.state.location),
      state: options.state ?? null,
      key: newKey(),
    };
    if (options.replace) this.history.replace(location);
    else this.history.push(location);
    this.update({ location, navigationType: options.replace ? 'REPLACE' : 'PUSH' });
    return Promise.resolve();
  }

  subscribe(listener: (state: RouterState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private update(state: RouterState) {
    this.state = state;
    for (const listener of this.listeners) listener(state);
  }
}

export const createBrowserRouter = (routes: RouteObject[]) => new Router(routes, browserHistory());

export const createMemoryRouter = (
  routes: RouteObject[],
  options: { initialEntries?: string[] } = {},
) => new Router(routes, memoryHistory(options.initialEntries ?? ['/']));

// ---------------------------------------------------------------------------------------------
// Matching

interface Match {
  route: RouteObject;
  params: Record<string, string>;
}

/** Split a path into its segments, decoding each (a malformed escape is kept as written). */
function segmentsOf(path: string): string[] {
  return path
    .split('/')
    .filter(Boolean)
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
}

/**
 * The routes from the root to the leaf that match `pathname`, with the params they bind; routes
 * are tried in order, so a `*` route goes last. Null when nothing matches.
 */
export function matchRoutes(routes: RouteObject[], pathname: string): Match[] | null {
  return matchLevel(routes, segmentsOf(pathname), {});
}

function matchLevel(
  routes: RouteObject[],
  segments: string[],
  params: Record<string, string>,
): Match[] | null {
  for (const route of routes) {
    const pattern = route.path ? segmentsOf(route.path) : [];
    const bound = { ...params };
    let used = 0;
    let ok = true;
    let splat = false;
    for (const part of pattern) {
      if (part === '*') {
        bound['*'] = segments.slice(used).join('/');
        used = segments.length;
        splat = true;
        break;
      }
      const segment = segments[used];
      if (segment === undefined) {
        ok = false;
        break;
      }
      if (part.startsWith(':')) bound[part.slice(1)] = segment;
      else if (part !== segment) {
        ok = false;
        break;
      }
      used += 1;
    }
    if (!ok) continue;
    const rest = segments.slice(used);
    if (route.index) {
      if (rest.length === 0) return [{ route, params: bound }];
      continue;
    }
    if (route.children?.length) {
      const below = matchLevel(route.children, rest, bound);
      if (below) return [{ route, params: below.at(-1)?.params ?? bound }, ...below];
      if (route.path === undefined) continue;
    }
    if (rest.length === 0 || splat) return [{ route, params: bound }];
  }
  return null;
}

/** Whether `pattern` (with `:params`) matches `pathname` whole (`end`) or as its start. */
export function matchPath(pattern: { path: string; end?: boolean }, pathname: string): boolean {
  const want = segmentsOf(pattern.path);
  const have = segmentsOf(pathname);
  if (pattern.end !== false && want.length !== have.length) return false;
  if (want.length > have.length) return false;
  return want.every((part, i) => part.startsWith(':') || part === have[i]);
}

// ---------------------------------------------------------------------------------------------
// Rendering

const RouterContext = createContext<Router | null>(null);
const LocationContext = createContext<RouterState | null>(null);
const OutletContext = createContext<{ outlet: ReactNode; params: Record<string, string> }>({
  outlet: null,
  params: {},
});
const RouteErrorContext = createContext<unknown>(undefined);

function useRouter(): Router {
  const router = useContext(RouterContext);
  if (!router) throw new Error('This component must be inside a <RouterProvider>');
  return router;
}

function useRouterState(): RouterState {
  const state = useContext(LocationContext);
  if (!state) throw new Error('This component must be inside a <RouterProvider>');
  return state;
}

const lazyComponents = new WeakMap<RouteObject, ComponentType>();
function lazyComponentOf(route: RouteObject): ComponentType {
  let found = lazyComponents.get(route);
  if (!found) {
    const load = route.lazy as NonNullable<RouteObject['lazy']>;
    found = reactLazy(async () => ({ default: (await load()).Component }));
    lazyComponents.set(route, found);
  }
  return found;
}

class RouteErrorBoundary extends Component<
  { fallback: ReactNode; resetKey: string; children: ReactNode },
  { error: unknown; resetKey: string }
> {
  override state = { error: undefined as unknown, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  static getDerivedStateFromProps(
    props: { resetKey: string },
    state: { error: unknown; resetKey: string },
  ) {
    // A new location gives the route a fresh start.
    return props.resetKey === state.resetKey
      ? null
      : { error: undefined, resetKey: props.resetKey };
  }

  override componentDidCatch(_error: unknown, _info: ErrorInfo) {
    // The error element says what happened; the console has React's own report.
  }

  override render() {
    if (this.state.error !== undefined) {
      return (
        <RouteErrorContext.Provider value={this.state.error}>
          {this.props.fallback}
        </RouteErrorContext.Provider>
      );
    }
    return this.props.children;
  }
}

/** A 404 for a path no route matches (what `useRouteError` gives the error element). */
export class RouteErrorResponse {
  constructor(
    readonly status: number,
    readonly statusText: string,
  ) {}
}

export const isRouteErrorResponse = (error: unknown): error is RouteErrorResponse =>
  error instanceof RouteErrorResponse;

function Thrower({ error }: { error: unknown }): ReactNode {
  throw error;
}

function renderMatches(matches: Match[], location: Location): ReactNode {
  let outlet: ReactNode = null;
  // Inside the layout, while a page's code loads on a first visit (later navigations keep the
  // current page on screen until the next one is ready).
  const fallback = (
    <p className="govuk-body" role="status">
      Loading…
    </p>
  );
  for (let i = matches.length - 1; i >= 0; i--) {
    const { route, params } = matches[i] as Match;
    let element: ReactNode;
    if (route.lazy) {
      const Lazy = lazyComponentOf(route);
      element = (
        <Suspense fallback={fallback}>
          <Lazy />
        </Suspense>
      );
    } else {
      // A route without an element is a group: it shows its child.
      element = route.element ?? outlet;
    }
    element = <OutletContext.Provider value={{ outlet, params }}>{element}</OutletContext.Provider>;
    if (route.errorElement) {
      element = (
        <RouteErrorBoundary fallback={route.errorElement} resetKey={location.key}>
          {element}
        </RouteErrorBoundary>
      );
    }
    outlet = element;
  }
  return outlet;
}

export function RouterProvider({ router }: { router: Router }) {
  const [state, setState] = useState(router.state);
  useEffect(() => {
    setState(router.state);
    // A transition keeps the current page on screen while the next page's code loads.
    return router.subscribe((next) => startTransition(() => setState(next)));
  }, [router]);
  const view = useMemo(() => {
    const matches = matchRoutes(router.routes, state.location.pathname);
    if (matches) return renderMatches(matches, state.location);
    const root = router.routes[0];
    return root?.errorElement ? (
      <RouteErrorContext.Provider value={new RouteErrorResponse(404, 'Not Found')}>
        {root.errorElement}
      </RouteErrorContext.Provider>
    ) : (
      <Thrower error={new RouteErrorResponse(404, 'Not Found')} />
    );
  }, [router, state.location]);
  return (
    <RouterContext.Provider value={router}>
      <LocationContext.Provider value={state}>{view}</LocationContext.Provider>
    </RouterContext.Provider>
  );
}

// ---------------------------------------------------------------------------------------------
// Hooks and components

export const Outlet = () => useContext(OutletContext).outlet;

export const useLocation = (): Location => useRouterState().location;

export const useNavigationType = (): NavigationType => useRouterState().navigationType;

export const useParams = <T extends Record<string, string | undefined>>(): Partial<T> =>
  useContext(OutletContext).params as Partial<T>;

export const useRouteError = (): unknown => useContext(RouteErrorContext);

export function useNavigate(): (to: To | number, options?: NavigateOptions) => Promise<void> {
  const router = useRouter();
  return router.navigate.bind(router);
}

/** The location's path when it matches `pattern`, or null. */
export function useMatch(pattern: { path: string; end?: boolean }): { pathname: string } | null {
  const { pathname } = useLocation();
  return matchPath(pattern, pathname) ? { pathname } : null;
}

type SearchInit = URLSearchParams | string | Record<string, string>;

export function useSearchParams(): [
  URLSearchParams,
  (next: SearchInit, options?: NavigateOptions) => void,
] {
  const location = useLocation();
  const router = useRouter();
  const params = useMemo(() => new URLSearchParams(location.search), [location.search]);
  const set = (next: SearchInit, options?: NavigateOptions) => {
    const search = new URLSearchParams(next).toString();
    void router.navigate({ pathname: location.pathname, search }, options);
  };
  return [params, set];
}

export function Navigate({ to, replace, state }: { to: To } & NavigateOptions) {
  const router = useRouter();
  // Once, when shown (as a redirect does).
  useEffect(() => {
    void router.navigate(to, { replace, state });
  }, []);
  return null;
}

type AnchorProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'>;

export interface LinkProps extends AnchorProps {
  to: To;
  replace?: boolean;
  state?: unknown;
}

const isPlainLeftClick = (event: MouseEvent<HTMLAnchorElement>, target?: string) =>
  event.button === 0 &&
  (!target || target === '_self') &&
  !(event.metaKey || event.altKey || event.ctrlKey || event.shiftKey);

export function Link({ to, replace, state, onClick, target, ...rest }: LinkProps) {
  const router = useRouter();
  const location = useLocation();
  const href = createPath(resolveTo(to, location));
  return (
    <a
      {...rest}
      href={href}
      target={target}
      onClick={(event) => {
        onClick?.(event);
        if (event.defaultPrevented || !isPlainLeftClick(event, target)) return;
        event.preventDefault();
        void router.navigate(to, { replace, state });
      }}
    />
  );
}

/** A link that says `aria-current="page"` while its page is shown. */
export function NavLink({ end = false, ...props }: LinkProps & { end?: boolean }) {
  const location = useLocation();
  const path =
    typeof props.to === 'string' ? parsePath(props.to).pathname : (props.to.pathname ?? '');
  const active = matchPath({ path, end }, location.pathname);
  return <Link {...props} aria-current={active ? 'page' : undefined} />;
}
