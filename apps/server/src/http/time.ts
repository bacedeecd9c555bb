let lastMillis = Number.NaN;
let lastIso = '';

/**
 * Times come in runs of the same millisecond (a batch of new cases shares one `now`, and each case's
 * reply and events carry it several times), so the last conversion is kept. NaN never matches: an
 * invalid time still throws as `toISOString` does.
 */
export const toIso = (millis: number) => {
  if (millis !== lastMillis) {
    lastIso = new Date(millis).toISOString();
    lastMillis = millis;
  }
  return lastIso;
};
export const toIsoOrNull = (millis: number | null) => (millis === null ? null : toIso(millis));
