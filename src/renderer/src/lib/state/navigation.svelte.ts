/** Which view the window shows. There is one window and no URL routing: a small state machine. */

export type Route =
  | { name: 'home' }
  | { name: 'application'; id: string }
  | { name: 'edit-application'; id: string | null }
  | { name: 'edit-interview'; applicationId: string; interviewId: string | null }
  | { name: 'settings' }
  | { name: 'connect' };

export class Navigation {
  route = $state<Route>({ name: 'home' });
  /** Bumps on every navigation, so the new view can take focus. */
  moves = $state(0);

  go(route: Route): void {
    this.route = route;
    this.moves += 1;
  }

  reset(): void {
    this.route = { name: 'home' };
    this.moves = 0;
  }
}
