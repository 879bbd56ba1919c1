/** The dictionary of a shipped locale file (`nl`, `nl-BE`), or undefined when Keuze ships none. */
export declare function importLocale(
  file: string,
): Promise<Readonly<Record<string, string>>> | undefined;
