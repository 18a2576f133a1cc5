/// The version of this cordmatch package (what `cordmatch --version` prints; a server reports it at its health
/// endpoint). Semantic versioning: until 1.0 a minor version may change the library's API.
public enum CordmatchVersion {
    /// The version, e.g. `0.1.0`.
    public static let current = "0.1.0"
}
