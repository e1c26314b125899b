/**
 * Where a session sits in the Profiles tree: which profile it is listed under, and whether its row
 * needs only the session name. The words of the row are the editor's (src/vscode/profiles/sessionText.ts).
 */
import type { SessionRecord } from './session';

/** A profile as far as grouping needs it. */
export interface GroupingProfile {
  readonly name: string;
  readonly roleArn?: string;
  readonly sourceProfile?: string;
}

/**
 * The profile a session belongs under: a profile that names the session's role (preferring one whose
 * source profile made the call), else the profile whose credentials made it.
 */
export function sessionGroupProfile(record: SessionRecord, profiles: Iterable<GroupingProfile>): string | undefined {
  if (record.operation !== 'profile' && record.roleArn) {
    let named: string | undefined;
    for (const p of profiles) {
      if (p.roleArn !== record.roleArn) continue;
      if (p.sourceProfile === record.profile) return p.name;
      named ??= p.name;
    }
    if (named) return named;
  }
  return record.profile;
}

/**
 * The row label when it is not the session's title: under the profile that names the session's role,
 * the role is on the parent row, so the label is the session name alone (`alice-1128T0432Z`) and the
 * time left after it stays in view. Undefined elsewhere: the row shows the session's title.
 */
export function sessionRowName(record: SessionRecord, parent: { readonly roleArn?: string } | undefined): string | undefined {
  const assumed = record.arn && /:assumed-role\/[^/]+\/(.+)$/.exec(record.arn)?.[1];
  const name = assumed || record.sessionName;
  return name && parent?.roleArn && record.roleArn === parent.roleArn ? name : undefined;
}
