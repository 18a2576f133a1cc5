/// Returns `object`, which the process's exit takes back instead of its last release: a one-shot command's loaded
/// inventory (a million units' search index, unit ids and caches) takes ~15 M instructions to free, work that
/// `exit` makes pointless (docs/BENCHMARKS.md). Only for an object whose deinitialisation does nothing the
/// process's end needs — a read-only inventory has nothing to write, flush or checkpoint.
///
/// - Parameter object: The object, retained once more and never released.
/// - Returns: `object`.
func keptUntilExit<T: AnyObject>(_ object: T) -> T {
    _ = Unmanaged.passRetained(object)
    return object
}
