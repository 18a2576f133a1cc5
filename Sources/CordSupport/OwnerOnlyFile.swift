import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How cordmatch writes every file it creates: owner-only (files 0600, folders 0700, whatever the umask), never
/// through a symbolic link, and whole or not at all.
///
/// A file is written to a new temporary file in its target's folder — created with `O_CREAT | O_EXCL |
/// O_NOFOLLOW`, so that nothing planted there is followed or reused — flushed to disk (`fsync`), and renamed over
/// the target; then the folder is flushed, so that the rename survives a power loss. Readers see the old file or
/// the new one, never a part, and a failure (a full disk) leaves the old file and no temporary one. A target that
/// is a symbolic link is refused: cordmatch neither writes through it nor silently replaces it. A file kept open
/// (the rematch lock) is opened with `O_NOFOLLOW` and refused unless it is a plain file with a single name.
package enum OwnerOnlyFile {
    /// The mode of every file cordmatch writes.
    package static let fileMode: mode_t = 0o600
    /// The mode of every folder cordmatch creates.
    package static let folderMode: mode_t = 0o700

    /// A write that failed: the file, what was being done, and the system's reason.
    package struct Failure: Error, CustomStringConvertible, Sendable {
        /// The file (or folder) the failure is about.
        package let path: String
        /// What was being done, e.g. "write", "create the folder".
        package let action: String
        /// The `errno` of the failing call.
        package let code: Int32
        /// Why, when the system's reason for `code` would not say it.
        let detail: String?

        /// A failure described by the system's reason for `code`.
        ///
        /// - Parameters:
        ///   - path: The file or folder.
        ///   - action: What was being done (`write`, `create the folder`).
        ///   - code: The `errno` of the failing call.
        package init(path: String, action: String, code: Int32) {
            self.init(path: path, action: action, code: code, detail: nil)
        }

        init(path: String, action: String, code: Int32, detail: String?) {
            self.path = path
            self.action = action
            self.code = code
            self.detail = detail
        }

        /// True when the disk (or the file-size limit of the process) had no room for the file.
        package var isOutOfSpace: Bool { code == ENOSPC || code == EDQUOT || code == EFBIG }

        /// Why the call failed, in words: a full disk, a size limit, read-only storage or a symbolic link said
        /// plainly, else the system's message for `code`.
        package var reason: String {
            if let detail { return detail }
            switch code {
            case ENOSPC, EDQUOT: return "the disk is full (\(String(cString: strerror(code))))"
            case EFBIG: return "the file would exceed the size this process may write (\(String(cString: strerror(code))))"
            case EROFS: return "the storage is read-only"
            case ELOOP: return "it is a symbolic link, and cordmatch does not write through symbolic links"
            default: return String(cString: strerror(code))
            }
        }

        /// `cannot <action> <path>: <reason>`.
        package var description: String { "cannot \(action) \(path): \(reason)" }
    }

    /// Replaces the file at `path` with `text` (UTF-8).
    ///
    /// - Parameters:
    ///   - text: The new contents.
    ///   - path: The file.
    /// - Throws: `Failure` when the target is a symbolic link or a folder, its folder does not exist, or the
    ///   temporary file cannot be created, written, flushed or renamed (the old file is then left as it was).
    package static func write(_ text: String, to path: String) throws(Failure) {
        try write(Data(text.utf8), to: path)
    }

    /// Replaces the file at `path` with `data`.
    ///
    /// - Parameters:
    ///   - data: The new contents.
    ///   - path: The file.
    /// - Throws: `Failure`, as `write(_:to:)` of a text.
    package static func write(_ data: Data, to path: String) throws(Failure) {
        try stage(data, for: path).commit()
    }

    /// `stage` for `data`.
    ///
    /// - Parameters:
    ///   - data: The contents.
    ///   - path: The target file.
    /// - Returns: The staged file, to `commit()` or `discard()`.
    /// - Throws: `Failure`, as `stage(_:for:)` of raw bytes.
    package static func stage(_ data: Data, for path: String) throws(Failure) -> Staged {
        let result: Result<Staged, Failure> = data.withUnsafeBytes { bytes in Result { () throws(Failure) in try stage(bytes, for: path) } }
        return try result.get()
    }

    /// Replaces the file at `path` with `bytes`.
    ///
    /// - Parameters:
    ///   - bytes: The new contents.
    ///   - path: The file.
    /// - Throws: `Failure`, as `write(_:to:)` of a text.
    package static func write(_ bytes: UnsafeRawBufferPointer, to path: String) throws(Failure) {
        try stage(bytes, for: path).commit()
    }

    /// A file written in full beside its target, flushed to disk, but not yet in place.
    package struct Staged: Sendable {
        /// The temporary file.
        package let temporary: String
        /// Where `commit` puts it.
        package let target: String

        /// Renames the file over its target and flushes the folder. The target must still pass `checkTarget`.
        ///
        /// - Throws: `Failure` when the target has become a symbolic link or a folder, or the rename fails; the
        ///   temporary file is removed then.
        package func commit() throws(Failure) {
            do throws(Failure) {
                try OwnerOnlyFile.checkTarget(target)
                guard rename(temporary, target) == 0 else { throw Failure(path: target, action: "write", code: errno) }
            } catch {
                discard()
                throw error
            }
            OwnerOnlyFile.flushFolder(of: target)
        }

        /// Removes the temporary file (the target is left as it was).
        package func discard() { unlink(temporary) }
    }

    /// Writes `bytes` to a new owner-only temporary file in `path`'s folder and flushes it; `commit()` puts it in
    /// place. Temporary files of `path` left by killed processes are removed first.
    ///
    /// - Parameters:
    ///   - bytes: The contents.
    ///   - path: The target file.
    /// - Returns: The staged file, to `commit()` or `discard()`.
    /// - Throws: `Failure` when `checkTarget(_:)` refuses `path`, or the temporary file cannot be created, written
    ///   or flushed (no temporary file is left then).
    package static func stage(_ bytes: UnsafeRawBufferPointer, for path: String) throws(Failure) -> Staged {
        try checkTarget(path)
        removeAbandonedTemporaries(of: path)
        let temporary = "\(path).\(getpid())-\(UInt32.random(in: .min ... .max)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, fileMode)
        guard fd >= 0 else { throw Failure(path: path, action: "write", code: errno) }
        var failure: Int32 = 0
        if fchmod(fd, fileMode) != 0 { failure = errno }  // exactly 0600, whatever the umask
        var written = 0
        while failure == 0 && written < bytes.count {
            let n = writeSome(fd, bytes.baseAddress! + written, bytes.count - written)
            if n < 0 {
                if errno == EINTR { continue }
                failure = errno
            } else if n == 0 {
                failure = EIO
            } else {
                written += n
            }
        }
        if failure == 0 && fsync(fd) != 0 { failure = errno }
        if close(fd) != 0 && failure == 0 { failure = errno }
        guard failure == 0 else {
            unlink(temporary)
            throw Failure(path: path, action: "write", code: failure)
        }
        return Staged(temporary: temporary, target: path)
    }

    /// Creates the folder at `path` and any missing parents, each owner-only (0700); existing folders are left
    /// as they are.
    ///
    /// - Parameter path: The folder.
    /// - Throws: `Failure` when `path` or a parent exists and is not a folder, or a folder cannot be created or set
    ///   to 0700.
    package static func createFolder(_ path: String) throws(Failure) {
        var info = stat()
        if stat(path, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFDIR else { throw Failure(path: path, action: "create the folder", code: ENOTDIR) }
            return
        }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty && parent != path { try createFolder(parent) }
        guard mkdir(path, folderMode) == 0 || errno == EEXIST else { throw Failure(path: path, action: "create the folder", code: errno) }
        if chmod(path, folderMode) != 0 { throw Failure(path: path, action: "create the folder", code: errno) }
    }

    /// Creates a new, empty, owner-only folder with a name no other process can have taken or planted
    /// (`mkdtemp`) in the system's temporary folder: `<prefix>-XXXXXX`. The caller removes it.
    ///
    /// - Parameter prefix: The start of the folder's name.
    /// - Returns: The new folder.
    /// - Throws: `Failure` when `mkdtemp` fails.
    package static func temporaryFolder(_ prefix: String) throws(Failure) -> URL {
        var template = Array(FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-XXXXXX").path.utf8CString)
        guard let made = mkdtemp(&template) else {
            throw Failure(path: FileManager.default.temporaryDirectory.path, action: "create a folder in", code: errno)
        }
        return URL(fileURLWithPath: String(cString: made), isDirectory: true)
    }

    /// Opens (creating, owner-only) a file that stays open for reading and writing in place, such as a lock
    /// file: never through a symbolic link, and only when it is a plain file with a single name (a hard link
    /// planted there would make cordmatch truncate another file). Returns the descriptor; the caller closes it.
    ///
    /// - Parameter path: The file.
    /// - Returns: The open file descriptor, read-write and non-blocking.
    /// - Throws: `Failure` when the file is a symbolic link, not a plain file, has other names, or cannot be opened
    ///   or set to 0600.
    package static func openInPlace(_ path: String) throws(Failure) -> Int32 {
        let fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, fileMode)
        guard fd >= 0 else { throw Failure(path: path, action: "open", code: errno == ELOOP || errno == EMLINK ? ELOOP : errno) }
        var info = stat()
        var problem: Failure?
        if fstat(fd, &info) != 0 {
            problem = Failure(path: path, action: "open", code: errno)
        } else if (info.st_mode & S_IFMT) != S_IFREG {
            problem = Failure(path: path, action: "open", code: EINVAL, detail: "it is not a plain file")
        } else if info.st_nlink != 1 {
            problem = Failure(path: path, action: "open", code: EMLINK,
                              detail: "it has other names (hard links), and cordmatch does not write to a file shared that way")
        } else if info.st_uid == geteuid() && (info.st_mode & 0o777) != fileMode && fchmod(fd, fileMode) != 0 {
            problem = Failure(path: path, action: "open", code: errno)
        }
        if let problem {
            close(fd)
            throw problem
        }
        return fd
    }

    /// Throws unless a file can be written at `path`: a target that is a symbolic link or a folder, or a folder
    /// that does not exist, is refused. Commands check their output files with it before they start, so that a
    /// bad output path stops them before anything is changed.
    ///
    /// - Parameter path: The file to be written.
    /// - Throws: `Failure` naming `path`: `ELOOP` for a symbolic link, `EISDIR` for a folder, `ENOTDIR` or the
    ///   system's error when its folder is not a folder or cannot be read.
    package static func checkTarget(_ path: String) throws(Failure) {
        var info = stat()
        if lstat(path, &info) == 0 {
            if (info.st_mode & S_IFMT) == S_IFLNK { throw Failure(path: path, action: "write", code: ELOOP) }
            if (info.st_mode & S_IFMT) == S_IFDIR { throw Failure(path: path, action: "write", code: EISDIR) }
            return
        }
        let folder = (path as NSString).deletingLastPathComponent
        guard stat(folder.isEmpty ? "." : folder, &info) == 0 else { throw Failure(path: path, action: "write", code: errno) }
        guard (info.st_mode & S_IFMT) == S_IFDIR else { throw Failure(path: path, action: "write", code: ENOTDIR) }
    }

    /// Flushes the folder holding `path`, so that a rename in it is durable (best effort: some file systems
    /// cannot flush a folder).
    static func flushFolder(of path: String) {
        let folder = (path as NSString).deletingLastPathComponent
        let fd = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    /// Removes temporary files of `target` whose writing process is gone (killed while writing one).
    ///
    /// - Parameter target: The file whose `<target>.<pid>-<random>.tmp` files are looked for in its folder.
    package static func removeAbandonedTemporaries(of target: String) {
        let url = URL(fileURLWithPath: target)
        let prefix = url.lastPathComponent + "."
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path) else { return }
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
            // "<target>.<pid>-<random>.tmp"
            guard let pid = name.dropFirst(prefix.count).split(separator: "-").first.flatMap({ pid_t($0) }), pid != getpid(),
                  kill(pid, 0) != 0 && errno == ESRCH else { continue }
            unlink(url.deletingLastPathComponent().appendingPathComponent(name).path)
        }
    }
}

/// `write(2)`: inside `OwnerOnlyFile` its own `write` functions hide the system's.
private func writeSome(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int { write(fd, buffer, count) }
