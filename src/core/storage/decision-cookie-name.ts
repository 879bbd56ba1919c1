// The server-set decision cookie's name, on its own: the first layer needs only
// the name (to wait for the engine when the cookie is there), not the reader.
export const DECISION_COOKIE = 'keuze_decision';
