export const toIso = (millis: number) => new Date(millis).toISOString();
export const toIsoOrNull = (millis: number | null) => (millis === null ? null : toIso(millis));
