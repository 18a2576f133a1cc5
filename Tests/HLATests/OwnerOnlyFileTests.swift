import CordMatchTesting
import CordSupport
import Foundation
@testable import HLA
import Testing

/// `OwnerOnlyFile`: written files are 0600 whatever the umask, whole or not at all, never through a link; folders
/// 0700; files kept open refuse links of both kinds.
@Suite(.serialized) struct OwnerOnlyFileTests {
    static func mode(_ path: String) -> Int {
        var info = stat()
        return lstat(path, &info) == 0 ? Int(info.st_mode & 0o7777) : -1
    }

    @Test func filesAndFoldersAreOwnerOnlyWhateverTheUmask() throws {
        let dir = try TemporaryFolder("cordmatch-owner")
        let old = umask(0)
        defer { umask(old) }
        let file = dir.url("a/b/c.txt").path
        try OwnerOnlyFile.createFolder(dir.url("a/b").path)
        try OwnerOnlyFile.write("one", to: file)
        #expect(Self.mode(file) == 0o600 && Self.mode(dir.url("a").path) == 0o700 && Self.mode(dir.url("a/b").path) == 0o700)
        // Replacing a file someone made readable gives an owner-only file again.
        chmod(file, 0o644)
        try OwnerOnlyFile.write("two", to: file)
        #expect(try Self.mode(file) == 0o600 && String(contentsOfFile: file, encoding: .utf8) == "two")
        let folder = try OwnerOnlyFile.temporaryFolder("cordmatch-owner-test")
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(Self.mode(folder.path) == 0o700)
    }

    @Test func aLinkAtTheTargetIsRefusedAndWhatItLeadsToKept() throws {
        let dir = try TemporaryFolder("cordmatch-owner")
        let target = dir.url("target").path, link = dir.url("out").path
        try "keep".write(toFile: target, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        #expect(throws: OwnerOnlyFile.Failure.self) { try OwnerOnlyFile.write("x", to: link) }
        do { try OwnerOnlyFile.write("x", to: link) } catch { #expect(error.code == ELOOP && error.description.contains("symbolic link")) }
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep")
        // A link planted between staging and the rename is refused as well.
        let other = dir.url("other").path
        let staged = try OwnerOnlyFile.stage(Data("late".utf8), for: other)
        try FileManager.default.createSymbolicLink(atPath: other, withDestinationPath: target)
        #expect(throws: OwnerOnlyFile.Failure.self) { try staged.commit() }
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["other", "out", "target"], "a temporary file was left")
    }

    @Test func aFailedWriteLeavesTheOldFileAndNoTemporary() throws {
        let dir = try TemporaryFolder("cordmatch-owner")
        let file = dir.url("f").path
        try OwnerOnlyFile.write("old", to: file)
        // A folder where the file should be, and a folder that does not exist: refused, nothing left.
        #expect(throws: OwnerOnlyFile.Failure.self) { try OwnerOnlyFile.write("x", to: dir.path) }
        #expect(throws: OwnerOnlyFile.Failure.self) { try OwnerOnlyFile.write("x", to: dir.url("no/f").path) }
        let staged = try OwnerOnlyFile.stage(Data("new".utf8), for: file)
        staged.discard()
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["f"])
    }

    @Test func filesKeptOpenRefuseLinksOfBothKinds() throws {
        let dir = try TemporaryFolder("cordmatch-owner")
        let target = dir.url("target").path
        try "keep".write(toFile: target, atomically: true, encoding: .utf8)
        let soft = dir.url("soft.lock").path, hard = dir.url("hard.lock").path
        try FileManager.default.createSymbolicLink(atPath: soft, withDestinationPath: target)
        try FileManager.default.linkItem(atPath: target, toPath: hard)
        #expect(throws: OwnerOnlyFile.Failure.self) { _ = try OwnerOnlyFile.openInPlace(soft) }
        #expect(throws: OwnerOnlyFile.Failure.self) { _ = try OwnerOnlyFile.openInPlace(hard) }
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep")
        let old = umask(0)
        defer { umask(old) }
        let fd = try OwnerOnlyFile.openInPlace(dir.url("new.lock").path)
        close(fd)
        #expect(Self.mode(dir.url("new.lock").path) == 0o600)
    }
}
