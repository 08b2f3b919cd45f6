/** Paths under /link/ and /verify/ carry a token: never log or record it. */
export function redactPath(path: string): string {
  return path.replace(/^\/(link|verify)\/.*/, '/$1/[secret]');
}
