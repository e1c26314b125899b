// Role session names and caller ARNs: names, not words, so nothing here is translated (src/aws reads
// them too, and its bundle holds no words of src/core).

/**
 * The default role session name: the local user and a short UTC time (`alice-1128T0432Z`, month, day,
 * hours and minutes), short enough for a tree row and readable in CloudTrail, within STS's 2–64
 * characters of letters, digits and +=,.@-.
 */
export function defaultSessionName(user: string, now: number): string {
  const who = user.replace(/[^\w+=,.@-]+/g, '-').replace(/^-+|(?<!-)-+$/g, '').slice(0, 32) || 'sts-lens';
  const d = new Date(now);
  const two = (n: number) => String(n).padStart(2, '0');
  // UTC, like CloudTrail's event times, so the name and the event line up.
  return `${who}-${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}T${two(d.getUTCHours())}${two(d.getUTCMinutes())}Z`;
}

/** The SDK's own default session name (`aws-sdk-js-1795837033970`), which says nothing in CloudTrail. */
export function isSdkDefaultSessionName(name: string | undefined): boolean {
  return !!name && /^aws-sdk-js-\d+$/.test(name);
}

/** Whether a caller ARN is an assumed role, so a further AssumeRole is role chaining. */
export function isAssumedRoleArn(arn: string | undefined): boolean {
  return !!arn && /^arn:aws[\w-]*:sts::\d{12}:assumed-role\//.test(arn);
}
