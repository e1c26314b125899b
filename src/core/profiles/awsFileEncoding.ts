// The one test of an AWS config or credentials file's encoding, and its words: the Profiles view,
// the check made before a call and the config linter say the same of a UTF-16 file.
import * as l10n from '@vscode/l10n';
import { isUtf16Text } from '../textEncoding';

/** Why the AWS CLI and SDKs cannot read a UTF-16 AWS file (they read it as no profiles), in the display language. */
export function utf16AwsFileReason(): string {
  return l10n.t('it is saved as UTF-16, and the AWS CLI and SDKs read only UTF-8: save it again as UTF-8');
}

/**
 * Why the text of an AWS file, decoded as UTF-8, cannot be read by the AWS CLI and SDKs; undefined
 * when it can. `encoding`: the encoding an editor decoded the file with, when it did.
 */
export function awsFileEncodingProblem(text: string, encoding?: string): string | undefined {
  return (encoding !== undefined && /^utf-?16/i.test(encoding)) || isUtf16Text(text) ? utf16AwsFileReason() : undefined;
}
