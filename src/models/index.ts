export * from './types';
export * from './net';
export * from './predict';
export * from './options';
export * from './attack';
export * from './train';
export * from './evaluate';
export * from './store';
