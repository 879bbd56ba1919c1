// A gated analytics script: runs only once the visitor granted "analytics".
performance.mark('gated:run');
window.__gatedRan = (window.__gatedRan || 0) + 1;
