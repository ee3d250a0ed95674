// Get-or-create for the per-key buckets the hot paths keep (campaign index, capacity snapshot,
// clocks per timezone, LISTEN handlers): one definition instead of an assignment in an expression.

/** The value under `key`, created by `make` and stored first if the map has none. */
export function getOrCreate<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}
