/**
 * The interview most sync tests track: Acme's panel on Monday 23 November 2026, 14:00–15:30
 * in Berlin, with Grace Hopper (grace@acme.example) and, unless told otherwise, Alan Turing
 * (alan@acme.example). Test setup, not under test.
 */
import type { WorkspaceService } from '../../src/main/services/workspace-service';

const ACME_PEOPLE = {
  grace: { name: 'Grace Hopper', email: 'grace@acme.example' },
  alan: { name: 'Alan Turing', email: 'alan@acme.example' },
} as const;

export function trackAcmePanel(
  workspace: WorkspaceService,
  interviewers: readonly (keyof typeof ACME_PEOPLE)[] = ['grace', 'alan'],
): void {
  const application = workspace.saveApplication({
    company: 'Acme',
    roleTitle: 'Site Reliability Engineer',
    postingUrl: null,
    status: 'interviewing',
    appliedOn: null,
    decidedOn: null,
    companyDomains: ['acme.example'],
    notes: '',
  });
  workspace.saveInterview({
    interview: {
      applicationId: application.id,
      kind: 'panel',
      startsAt: Date.parse('2026-11-23T13:00:00Z'),
      endsAt: Date.parse('2026-11-23T14:30:00Z'),
      timeZone: 'Europe/Berlin',
      location: null,
      decisionBy: null,
      contactPlan: '',
      outcome: 'good',
      notes: '',
      cancelled: false,
    },
    participants: interviewers.map((key) => ({
      person: {
        name: ACME_PEOPLE[key].name,
        title: '',
        company: 'Acme',
        emails: [ACME_PEOPLE[key].email],
        phone: '',
        firstNameOk: false,
        doNotContact: false,
        notApplicable: false,
        notes: '',
      },
      role: 'interviewer' as const,
      topics: '',
      notes: '',
    })),
  });
}
