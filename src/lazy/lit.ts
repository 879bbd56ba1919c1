// dist/keuze-lit.js: Lit, for the lazy parts built on it (the cookie centre and
// the notice). The first layer and the engine render without it, so a visitor
// who never opens the centre or a privacy page never downloads it. The engine
// loads it before such a part (src/lazy/define-embed.ts); the parts take it from
// window.__keuze.
import '../core/lit-policy.js'; // first: Lit must find the `keuze` Trusted Types policy
import { shared } from 'virtual:keuze-shared';

Object.assign((window as unknown as { __keuze: object }).__keuze, shared);
