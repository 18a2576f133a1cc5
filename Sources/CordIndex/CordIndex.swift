/// The columnar search index file (issue #5): header, writer and memory-mapped view. Not built yet; the
/// target exists so that the package layout matches `ARCHITECTURE.md` from the start.
public enum CordIndex {}
