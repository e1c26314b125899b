/**
 * Every SDK-backed call the editor makes, as one bundle (dist/aws.js) that src/vscode/awsModules.ts
 * loads on the first AWS call: the SDK stays out of activation, and its error classes exist once, so
 * `instanceof` holds across the editor's code. (dist/accountPolicies.js holds the clients that read
 * account policies, loaded on the first evaluation against an account.)
 */
export * as accessAnalyzer from './accessAnalyzer';
export * as credentials from './credentials';
export * as decode from './decodeAuthorizationMessage';
export * as errors from './errors';
export * as federation from './federation';
export * as iam from './iam';
export * as sso from './sso';
export * as sts from './sts';
