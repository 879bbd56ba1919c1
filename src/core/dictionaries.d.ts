/** locales/en.json: the reference language. */
export declare const en: Readonly<Record<string, string>>;
/** locales/nl.json */
export declare const nl: Readonly<Record<string, string>>;
