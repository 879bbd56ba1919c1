// The npm entry. No side effects: importing it registers no element and
// touches no storage. Call `keuze.init(config)`; import 'keuze/define' for the
// elements.
export * from './core/index.js';
