import CordSupport
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Downloads a release's files from the official IPD-IMGT/HLA GitHub repository (`ANHIG/IMGTHLA`, the raw files
/// of the version branch, e.g. `3580` for 3.58.0) into a temporary folder, ready for `DataDirectory.install`.
public struct ReleaseDownloader: Sendable {
    /// The address of the raw files of the `ANHIG/IMGTHLA` repository; a file is `<repository>/<branch>/<path>`.
    public static let repository = "https://raw.githubusercontent.com/ANHIG/IMGTHLA"
    /// NMDP's MAC list (zip of numer.v3.txt).
    public static let macURL = URL(string: "https://hml.nmdp.org/mac/files/numer.v3.zip")!

    /// Makes a downloader; it holds nothing and uses `URLSession.shared`.
    public init() {}

    /// The branch that holds a version (`3.58.0` → `3580`).
    ///
    /// - Parameter version: A release version.
    /// - Returns: The version without its dots.
    public static func branch(for version: String) -> String { version.replacingOccurrences(of: ".", with: "") }

    /// Downloads every required file of `version`; fails with a clear message when offline or when a file is missing.
    ///
    /// - Parameters:
    ///   - version: The release version (`3.58.0`).
    ///   - dir: The folder to write the files into (owner-only); `LICENCE.md` is fetched too when it exists.
    /// - Returns: The folder, as a release folder.
    /// - Throws: `DownloadError` when a request fails or a required file's answer is not HTTP 200; a file-system
    ///   error when a file cannot be written.
    public func download(version: String, into dir: URL) async throws -> ReleaseFolder {
        let branch = Self.branch(for: version)
        for f in ReleaseFolder.requiredFiles + ["LICENCE.md"] {
            let url = URL(string: "\(Self.repository)/\(branch)/\(f)")!
            let data: Data
            do {
                let (body, response) = try await URLSession.shared.data(from: url)
                guard let http = response as? HTTPURLResponse, http.statusCode == 200 else {
                    let code = (response as? HTTPURLResponse)?.statusCode ?? 0
                    if f == "LICENCE.md" { continue }
                    throw DownloadError(url: url, reason: "HTTP \(code) (is \(version) a released version?)")
                }
                data = body
            } catch let e as DownloadError {
                throw e
            } catch {
                throw DownloadError(url: url, reason: "\(error.localizedDescription) — offline? Set CORDMATCH_IMGT_DIR to a release folder instead")
            }
            let dest = dir.appendingPathComponent(f)
            try OwnerOnlyFile.createFolder(dest.deletingLastPathComponent().path)
            try OwnerOnlyFile.write(data, to: dest.path)
        }
        return ReleaseFolder(dir)
    }
}

/// A download that failed, with the address and the reason.
public struct DownloadError: Error, CustomStringConvertible {
    /// The address that could not be fetched.
    public let url: URL
    /// Why: the HTTP status, or the transport error with a hint for working offline.
    public let reason: String
    /// `cannot download <url>: <reason>`.
    public var description: String { "cannot download \(url.absoluteString): \(reason)" }
}
