/** Which view the window shows. There is one window and no URL routing: a small state machine. */

export type Route =
  | { name: 'home' }
  | { name: 'application'; id: string }
  | { name: 'edit-application'; id: string | null }
  | { name: 'edit-interview'; applicationId: string; interviewId: string | null }
  | { name: 'draft'; obligationId: string; applicationId: string; back: Route }
  | { name: 'people'; id: string | null }
  | { name: 'review' }
  | { name: 'invitations' }
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

  /** Opens the note for an obligation; its Back button returns to where the user was. */
  writeNote(obligation: { id: string; applicationId: string }): void {
    const here = this.route;
    this.go({
      name: 'draft',
      obligationId: obligation.id,
      applicationId: obligation.applicationId,
      back: here.name === 'draft' ? here.back : here,
    });
  }
}
