#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Immutable bytes at one address for the lifetime of this object: a file mapped read-only (a loaded snapshot,
/// read in place with no copy), or a copy of an array. `@unchecked Sendable` because the bytes are never written
/// after `init`.
///
/// A mapped file must not be truncated while mapped; cordmatch only ever replaces its files by renaming.
final class FixedBytes: @unchecked Sendable {
    let buffer: UnsafeRawBufferPointer
    private let mapped: Bool

    /// A copy of `bytes`.
    init(copying bytes: [UInt8]) {
        let b = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 16)
        bytes.withUnsafeBytes { b.copyMemory(from: $0) }
        buffer = UnsafeRawBufferPointer(rebasing: b[0..<bytes.count])
        mapped = false
    }

    /// The file at `path`, mapped read-only; nil when it cannot be opened or mapped (or is empty).
    init?(mapping path: String) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_size > 0 else { return nil }
        let size = Int(info.st_size)
        guard let p = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else { return nil }
        buffer = UnsafeRawBufferPointer(start: p, count: size)
        mapped = true
    }

    deinit {
        if mapped {
            munmap(UnsafeMutableRawPointer(mutating: buffer.baseAddress), buffer.count)
        } else {
            UnsafeMutableRawPointer(mutating: buffer.baseAddress)?.deallocate()
        }
    }
}
