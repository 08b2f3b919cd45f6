import type { Db } from '../db/database';
import type { Directory } from './directory';
import { type IssueLinkInput, issueLink, type LinkDeps } from './links';
import type { Mailer } from './mail/mailer';
import { readPolicySnapshot } from './policy';

export type { DirectoryUser } from './directory';
export type { IssuedLink } from './links';
export type { PolicySnapshot } from './policy';

export interface ActivityDeps extends LinkDeps {
  db: Db;
  directory: Directory;
  mailer: Mailer;
}

/** The activities the worker registers, bound to their real resources. */
export function createActivities(deps: ActivityDeps) {
  return {
    snapshotPolicy: () => readPolicySnapshot(deps.db),
    findUser: (username: string) => deps.directory.findUser(username),
    issueLink: (input: IssueLinkInput) => issueLink(deps, input),
  };
}

export type Activities = ReturnType<typeof createActivities>;
