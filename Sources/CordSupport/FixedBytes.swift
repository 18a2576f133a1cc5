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
package final class FixedBytes: @unchecked Sendable {
    /// The bytes; valid for as long as this object lives.
    package let buffer: UnsafeRawBufferPointer
    private let mapped: Bool

    /// A copy of `bytes`.
    ///
    /// - Parameter bytes: The bytes to copy (16-byte aligned in the copy).
    package init(copying bytes: [UInt8]) {
        let b = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 16)
        bytes.withUnsafeBytes { b.copyMemory(from: $0) }
        buffer = UnsafeRawBufferPointer(rebasing: b[0..<bytes.count])
        mapped = false
    }

    /// `capacity` bytes (16-byte aligned) that `fill` writes once; it returns how many it wrote (at most
    /// `capacity`: the rest is dropped).
    ///
    /// - Parameters:
    ///   - capacity: How many bytes to allocate.
    ///   - fill: Writes the bytes once; returns how many it wrote.
    /// - Throws: Whatever `fill` throws (the bytes are freed then).
    package init(capacity: Int, filling fill: (UnsafeMutableRawBufferPointer) throws -> Int) rethrows {
        let b = UnsafeMutableRawBufferPointer.allocate(byteCount: max(capacity, 1), alignment: 16)
        do {
            let written = try fill(UnsafeMutableRawBufferPointer(rebasing: b[0..<capacity]))
            precondition(written >= 0 && written <= capacity)
            buffer = UnsafeRawBufferPointer(rebasing: b[0..<written])
        } catch {
            b.deallocate()
            throw error
        }
        mapped = false
    }

    /// The file at `path`, mapped read-only; nil when it cannot be opened or mapped (or is empty). With
    /// `populate`, every page is read in at once (for a file that is about to be read whole).
    ///
    /// - Parameters:
    ///   - path: The file.
    ///   - populate: Whether to read every page in at once (Linux `MAP_POPULATE`; ignored elsewhere).
    package init?(mapping path: String, populate: Bool = false) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_size > 0 else { return nil }
        let size = Int(info.st_size)
        guard let p = mmap(nil, size, PROT_READ, MAP_PRIVATE | (populate ? Self.populateFlag : 0), fd, 0), p != MAP_FAILED else { return nil }
        buffer = UnsafeRawBufferPointer(start: p, count: size)
        mapped = true
    }

    #if os(Linux)
    private static let populateFlag = MAP_POPULATE
    #else
    private static let populateFlag: Int32 = 0
    #endif

    deinit {
        if mapped {
            munmap(UnsafeMutableRawPointer(mutating: buffer.baseAddress), buffer.count)
        } else {
            UnsafeMutableRawPointer(mutating: buffer.baseAddress)?.deallocate()
        }
    }
}
