/** locales/en.json: the reference language, the only one bundled. */
export declare const en: Readonly<Record<string, string>>;
