/**
 * What the functions the tests run inside pages use of the browser's globals. The project
 * compiles without the DOM library (it is Node code), so page functions reach them through
 * `globalThis as unknown as PageGlobals`: a cast, erased when Playwright sends the function.
 */
export interface PageGlobals {
  document: {
    activeElement: { matches(selector: string): boolean } | null;
    getElementById(id: string): { textContent: string | null } | null;
  };
  requestAnimationFrame(callback: () => void): number;
  axe?: { run(context: unknown, options: unknown): Promise<unknown> };
  /** Set by the tests to tell an htmx swap in place from a full page load. */
  ssprMarker?: boolean;
}
