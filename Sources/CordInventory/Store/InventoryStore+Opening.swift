import CordSupport
import Foundation
import GRDB
import HLA
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Opening a database as an `InventoryStore.OpenMode` allows: what the path holds is checked before SQLite sees
/// it, so that a wrong `--db` is a clear error and never a new empty inventory, and another program's file is
/// never turned into one.
extension InventoryStore {
    /// What the path held before the store opened it.
    enum FoundFile { case created, empty, database }

    /// The first bytes of every SQLite database file.
    static let sqliteHeader = Array("SQLite format 3\u{0}".utf8)

    /// Checks what `path` holds and, when `mode` allows and there is nothing, creates it owner-only.
    static func prepareFile(_ path: String, mode: OpenMode) throws -> FoundFile {
        func fail(_ problem: InventoryOpenError.Problem) -> InventoryOpenError { InventoryOpenError(path: path, problem: problem) }
        var link = stat()
        if lstat(path, &link) != 0 {
            guard errno == ENOENT else { throw fail(.cannotOpen(String(cString: strerror(errno)))) }
            guard mode == .createIfMissing else { throw fail(.missing) }
            try refusePlantedLinks(beside: path)
            let fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, OwnerOnlyFile.fileMode)
            if fd < 0 {
                if errno == EEXIST { return try prepareFile(path, mode: mode) }  // made meanwhile by another process
                throw OwnerOnlyFile.Failure(path: path, action: "create the database", code: errno)
            }
            defer { close(fd) }
            guard fchmod(fd, OwnerOnlyFile.fileMode) == 0 else { throw OwnerOnlyFile.Failure(path: path, action: "create the database", code: errno) }
            return .created
        }
        if (link.st_mode & S_IFMT) == S_IFLNK && mode != .readOnly { throw fail(.symbolicLink(path)) }
        var info = stat()
        guard stat(path, &info) == 0 else { throw fail(.missing) }  // a link that leads nowhere
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw fail(.notAFile) }
        if mode != .readOnly { try refusePlantedLinks(beside: path) }
        if info.st_size == 0 {
            guard mode == .createIfMissing else { throw fail(.emptyFile) }
            // An empty file is made an inventory (a first import killed before SQLite wrote leaves one): only when
            // it is this user's, and owner-only from now on.
            guard info.st_uid == geteuid() else { throw fail(.foreignEmptyFile) }
            guard chmod(path, OwnerOnlyFile.fileMode) == 0 else { throw OwnerOnlyFile.Failure(path: path, action: "open the database", code: errno) }
            return .empty
        }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw fail(.cannotOpen(String(cString: strerror(errno)))) }
        let head = (try? handle.read(upToCount: sqliteHeader.count)) ?? nil
        try? handle.close()
        guard let head, Array(head) == sqliteHeader else { throw fail(.notSQLite) }
        return .database
    }

    /// Throws when a file SQLite would create or write beside the database (`-wal`, `-shm`, `-journal`) is a
    /// symbolic link: SQLite follows links, so a planted one would make it write to the file it leads to.
    static func refusePlantedLinks(beside path: String) throws {
        for suffix in ["-wal", "-shm", "-journal"] {
            var info = stat()
            if lstat(path + suffix, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK {
                throw InventoryOpenError(path: path, problem: .symbolicLink(path + suffix))
            }
        }
    }

    /// A read-write pool on an inventory (or, creating, on an empty database), checked before it is written to.
    static func openForWriting(_ path: String, mode: OpenMode, found: FoundFile) throws -> DatabasePool {
        if found == .database {
            // Looked at read-only first: another program's database must not even be switched to WAL mode.
            do {
                var inspect = Configuration()
                inspect.readonly = true
                let queue = try DatabaseQueue(path: path, configuration: inspect)
                try queue.read { try checkSchema($0, path: path, mode: mode) }
                try queue.close()
            } catch let e as InventoryOpenError {
                throw e
            } catch {
                throw openFailure(error, path: path, writing: true)
            }
        }
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(10)
        do { return try DatabasePool(path: path, configuration: config) } catch { throw openFailure(error, path: path, writing: true) }
    }

    /// A read-only pool on an inventory whose schema is current. On read-only storage SQLite cannot create the
    /// `-shm` file a WAL database is read with, so the database is opened as immutable there (nothing can change
    /// it) — unless its write-ahead log still holds changes, which an immutable open would not see.
    static func openReadOnly(_ path: String) throws -> DatabasePool {
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(10)
        do {
            let pool = try DatabasePool(path: path, configuration: config)
            try pool.read { try checkSchema($0, path: path, mode: .readOnly) }
            return pool
        } catch let e as InventoryOpenError {
            throw e
        } catch let e as DatabaseError where onReadOnlyStorage(path) && [.SQLITE_CANTOPEN, .SQLITE_READONLY].contains(e.resultCode) {
            var log = stat()
            if stat(path + "-wal", &log) == 0 && log.st_size > 0 { throw InventoryOpenError(path: path, problem: .unreadableLog) }
            do {
                let pool = try DatabasePool(path: immutableURI(path), configuration: config)
                try pool.read { try checkSchema($0, path: path, mode: .readOnly) }
                return pool
            } catch let e as InventoryOpenError {
                throw e
            } catch {
                throw openFailure(error, path: path, writing: false)
            }
        } catch {
            throw openFailure(error, path: path, writing: false)
        }
    }

    /// Checks that the database holds cordmatch's schema: none at all is accepted only when creating; an unknown
    /// schema step (a newer cordmatch) never; a missing one (an older cordmatch) not when reading only.
    static func checkSchema(_ db: Database, path: String, mode: OpenMode) throws {
        let tables = try Set(String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"))
        if tables.isEmpty && mode == .createIfMissing { return }
        guard tables.isSuperset(of: ["grdb_migrations", "units", "recipients", "meta"]) else {
            throw InventoryOpenError(path: path, problem: .notAnInventory)
        }
        let migrator = InventorySchema.migrator
        let applied = try migrator.appliedIdentifiers(db)
        let unknown = applied.subtracting(migrator.migrations).sorted()
        guard unknown.isEmpty else { throw InventoryOpenError(path: path, problem: .newerSchema(unknown: unknown)) }
        let missing = migrator.migrations.filter { !applied.contains($0) }
        if mode == .readOnly && !missing.isEmpty { throw InventoryOpenError(path: path, problem: .olderSchema(missing: missing)) }
    }

    /// An error of SQLite while opening, as an `InventoryOpenError` naming the path.
    static func openFailure(_ error: Error, path: String, writing: Bool) -> Error {
        guard let e = error as? DatabaseError else { return error }
        if e.resultCode == .SQLITE_NOTADB { return InventoryOpenError(path: path, problem: .notSQLite) }
        if writing && onReadOnlyStorage(path) {
            return InventoryOpenError(path: path, problem: .cannotOpen("the storage is read-only, and this command writes the inventory"))
        }
        if let write = InventoryWriteError.wrapping(e, path: path) as? InventoryWriteError {
            return InventoryOpenError(path: path, problem: .cannotOpen(write.reason))
        }
        return InventoryOpenError(path: path, problem: .cannotOpen(e.message ?? "\(e)"))
    }

    /// True when the file system holding `path` is mounted read-only.
    static func onReadOnlyStorage(_ path: String) -> Bool {
        var fs = statvfs()
        return statvfs(path, &fs) == 0 && (fs.f_flag & UInt(ST_RDONLY)) != 0
    }

    /// `path` as a SQLite URI opening it immutable (no locks, no `-shm`: only for storage nothing can write).
    static func immutableURI(_ path: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        var encoded = ""
        for c in absolute.unicodeScalars {
            switch c {
            case "%": encoded += "%25"
            case "?": encoded += "%3F"
            case "#": encoded += "%23"
            default: encoded.unicodeScalars.append(c)
            }
        }
        return "file:\(encoded)?immutable=1"
    }
}
