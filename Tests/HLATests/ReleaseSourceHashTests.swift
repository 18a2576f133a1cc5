import CordSupport
import Foundation
@testable import HLA
import Testing
import TestSupport
import CordMatchTesting

/// A start reads the release's files only when they changed: the content hash is remembered with their metadata,
/// a matching stamp is trusted, and any write to a file — even one that keeps its size — is seen.
@Suite struct ReleaseSourceHashTests {
    @Test func theHashIsRememberedAndAnyWriteIsSeen() throws {
        let temporary = try TemporaryFolder("cordmatch-stamp")
        let dir = temporary.url
        let release = try MiniatureRelease.temporaryFolder()
        let folder = ReleaseFolder(release.url)
        let content = try folder.contentHash()

        #expect(try ReleaseSourceHash.of(folder, stampDirectory: dir) == content)
        let stamps = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".stamp") }
        #expect(stamps.count == 1)
        let stamp = dir.appendingPathComponent(stamps[0])
        let metadata = try #require(ReleaseSourceHash.metadataHash(folder))
        #expect(try String(contentsOf: stamp, encoding: .utf8) == "\(String(metadata, radix: 16)) \(String(content, radix: 16))\n")

        // A stamp whose metadata match is trusted without reading the files (here: a hash planted in it)…
        try "\(String(metadata, radix: 16)) 2a\n".write(to: stamp, atomically: true, encoding: .utf8)
        #expect(try ReleaseSourceHash.of(folder, stampDirectory: dir) == 0x2a)

        // …until a file is written, even with bytes of the same length: the hash is computed again and re-stamped.
        let file = URL(fileURLWithPath: folder.path("Allelelist.txt"))
        var bytes = try Data(contentsOf: file)
        let last = bytes.count - 2
        bytes[last] = bytes[last] == UInt8(ascii: "1") ? UInt8(ascii: "2") : UInt8(ascii: "1")
        try bytes.write(to: file)
        let changed = try folder.contentHash()
        #expect(changed != content)
        #expect(try ReleaseSourceHash.of(folder, stampDirectory: dir) == changed)
        #expect(try ReleaseSourceHash.of(folder, stampDirectory: dir) == changed)

        // A damaged stamp is only a slower start.
        try "not a stamp".write(to: stamp, atomically: true, encoding: .utf8)
        #expect(try ReleaseSourceHash.of(folder, stampDirectory: dir) == changed)
        // Without a snapshot folder nothing is remembered.
        #expect(try ReleaseSourceHash.of(folder, stampDirectory: nil) == changed)
    }
}
