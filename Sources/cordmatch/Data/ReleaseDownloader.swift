import AsyncHTTPClient
import CordSupport
import Foundation
import HLA
import NIOCore
import NIOHTTP1

/// Downloads a release's files from the official IPD-IMGT/HLA GitHub repository (`ANHIG/IMGTHLA`, the raw files
/// of the version branch, e.g. `3580` for 3.58.0), or from a mirror with the same layout, into a temporary folder,
/// ready for `DataDirectory.install`.
///
/// Through AsyncHTTPClient (SwiftNIO, which the server already links), not `URLSession`: FoundationNetworking
/// would load libcurl and some thirty libraries into every `cordmatch` process, a quarter of a one-name command's
/// start-up (docs/BENCHMARKS.md).
struct ReleaseDownloader: Sendable {
    /// The address of the raw files of the `ANHIG/IMGTHLA` repository; a file is `<repository>/<branch>/<path>`.
    static let officialRepository = "https://raw.githubusercontent.com/ANHIG/IMGTHLA"
    /// The most bytes one file may have (the largest required file of a release is a few MB).
    static let fileLimit = 256 << 20
    /// How long one file may take.
    static let fileTimeout = TimeAmount.seconds(300)
    /// How long a connection may take to open (a refused one is tried again until then).
    static let connectTimeout = TimeAmount.seconds(10)

    /// Where the files are fetched from: `officialRepository`, or a mirror (`http` or `https`) laid out alike.
    let repository: String

    /// A downloader from `repository`.
    ///
    /// - Parameter repository: The address the branches are under (no trailing `/`).
    init(repository: String = Self.officialRepository) {
        self.repository = repository.hasSuffix("/") ? String(repository.dropLast()) : repository
    }

    /// The branch that holds a version (`3.58.0` → `3580`).
    ///
    /// - Parameter version: A release version.
    /// - Returns: The version without its dots.
    static func branch(for version: String) -> String { version.replacingOccurrences(of: ".", with: "") }

    /// Downloads every required file of `version`; fails with a clear message when offline or when a file is
    /// missing.
    ///
    /// - Parameters:
    ///   - version: The release version (`3.58.0`).
    ///   - dir: The folder to write the files into (owner-only); `LICENCE.md` is fetched too when it exists.
    /// - Returns: The folder, as a release folder.
    /// - Throws: `DownloadError` when a request fails or a required file's answer is not HTTP 200; a file-system
    ///   error when a file cannot be written.
    func download(version: String, into dir: URL) async throws -> ReleaseFolder {
        let branch = Self.branch(for: version)
        let client = HTTPClient(eventLoopGroupProvider: .singleton,
                                configuration: HTTPClient.Configuration(timeout: .init(connect: Self.connectTimeout, read: Self.fileTimeout)))
        do {
            for f in ReleaseFolder.requiredFiles + ["LICENCE.md"] {
                let url = "\(repository)/\(branch)/\(f)"
                guard let data = try await fetch(url, version: version, optional: f == "LICENCE.md", client) else { continue }
                let dest = dir.appendingPathComponent(f)
                try OwnerOnlyFile.createFolder(dest.deletingLastPathComponent().path)
                try OwnerOnlyFile.write(data, to: dest.path)
            }
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
        return ReleaseFolder(dir)
    }

    /// The body of `url`; nil when it is `optional` and not there.
    private func fetch(_ url: String, version: String, optional: Bool, _ client: HTTPClient) async throws -> Data? {
        let response: HTTPClientResponse
        do {
            response = try await client.execute(HTTPClientRequest(url: url), timeout: Self.fileTimeout)
        } catch {
            throw DownloadError(url: url, reason: "\(error) — offline? Set CORDMATCH_IMGT_DIR to a release folder instead")
        }
        guard response.status == .ok else {
            if optional { return nil }
            throw DownloadError(url: url, reason: "HTTP \(response.status.code) (is \(version) a released version?)")
        }
        do {
            return Data(try await response.body.collect(upTo: Self.fileLimit).readableBytesView)
        } catch {
            throw DownloadError(url: url, reason: "\(error) (the file stopped, or is over \(Self.fileLimit >> 20) MB)")
        }
    }
}

/// A download that failed, with the address and the reason.
struct DownloadError: Error, CustomStringConvertible {
    /// The address that could not be fetched.
    let url: String
    /// Why: the HTTP status, or the transport error with a hint for working offline.
    let reason: String
    /// `cannot download <url>: <reason>`.
    var description: String { "cannot download \(url): \(reason)" }
}
