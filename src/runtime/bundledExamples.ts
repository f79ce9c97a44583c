// The bundled examples each workflow module's demo runs on: a project under examples/, the scenario
// the scripted model answers from, and the request. `imperium demo --workflow <id>` and the editor's
// "Try Without a Model" run them.

export interface DemoExample {
  /** A folder under examples/. */
  readonly example: string;
  /** A scenario file under examples/, for the scripted model. */
  readonly scenario: string;
  readonly request: string;
  /** What the example is and what the workflow does to it, for the help and the banner. */
  readonly about: string;
}

export const DEMO_EXAMPLES: Readonly<Record<string, DemoExample>> = {
  feature: {
    example: 'bookshelf',
    scenario: 'scenarios/bookshelf-citation.json',
    request: 'Add Shelf#citation(title): an APA-style citation of a book on the shelf, "Surname, I. (Year). Title.", with n.d. when the year is unknown.',
    about: 'a small reading-list library with node:test tests; the swarm adds a feature test-first: plan, Board review, red, green, refactor, Board review, report',
  },
  fix: {
    example: 'roman-numerals',
    scenario: 'scenarios/roman-numerals-fix.json',
    request: 'Make the failing tests pass.',
    about: 'Roman numerals with a bug, five of its ten node:test tests failing; the swarm makes them pass without touching a test: red (the failures gated), green, refactor, Board review, report',
  },
};
