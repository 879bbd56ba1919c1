import { scan } from './bin/scan.mjs';
const t0 = Date.now();
const r = await scan('http://localhost:8765/', { pages: 3, onProgress: (p) => console.log(Date.now() - t0, p.url) });
console.log(r.seconds, r.visits.map((v) => v.url));
