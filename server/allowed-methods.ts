// Which methods a path answers to, so that a known path with the wrong method gets 405
// with an Allow header instead of a 404 that suggests the path does not exist.

interface RoutePattern {
  pattern: RegExp;
  method: string;
}

export class AllowedMethods {
  private readonly routes: RoutePattern[] = [];

  /** `route` in fastify form: `/v1/orgs/:org/keys`. */
  add(method: string, route: string): void {
    const source = route
      .split('/')
      .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/');
    this.routes.push({ pattern: new RegExp(`^${source}$`), method });
    if (method === 'GET') {
      // fastify answers HEAD on every GET route.
      this.routes.push({ pattern: new RegExp(`^${source}$`), method: 'HEAD' });
    }
  }

  /** The methods registered for this path (without query), sorted; empty if none. */
  for(path: string): string[] {
    const methods = new Set(this.routes.filter((route) => route.pattern.test(path)).map((route) => route.method));
    return [...methods].sort();
  }
}
