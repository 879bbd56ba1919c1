/** Keuze's version (package.json), as built into the bundle. */
export declare const version: string;
