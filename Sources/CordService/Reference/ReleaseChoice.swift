import Foundation

/// Which IPD-IMGT/HLA release a run uses.
public enum ReleaseChoice: Sendable, Hashable {
    /// The installed default (`cordmatch data install --default V`, else the newest installed), or the newest
    /// release of the folder `$CORDMATCH_IMGT_DIR` names.
    case standard
    /// An installed release (or one of `$CORDMATCH_IMGT_DIR`'s folder), e.g. `3.58.0`.
    case version(String)
    /// A release folder used directly, installed or not.
    case folder(URL)

    /// The choice command-line options make: `--imgt-dir`, else `--imgt-version`, else the standard release.
    ///
    /// - Parameters:
    ///   - version: the `--imgt-version` value, if given.
    ///   - directory: the `--imgt-dir` value, if given (it wins).
    public init(version: String?, directory: String?) {
        if let directory { self = .folder(URL(fileURLWithPath: directory)) } else if let version { self = .version(version) } else { self = .standard }
    }
}
