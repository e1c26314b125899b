export * from './detect';
export * from './explain';
export * from './allowStatement';
export * from './render';
export * from './lintAllowing';
export * from './decodeErrors';
export * from './statedDenial';
