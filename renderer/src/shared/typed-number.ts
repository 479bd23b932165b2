/** A number typed in a form; blank or malformed is NaN, which the schema refuses by name. */
export const num = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));
