/// The SQLite inventory (issue #5): schema, importers, repositories. Not built yet; the target exists so that
/// the package layout matches `ARCHITECTURE.md` from the start.
public enum CordInventory {}
