/// A flat array of plain values (a column of an on-disk format): owned and growable while it is built, or a
/// read-only view of bytes that some `FixedBytes` keeps alive (a memory-mapped file, or bytes read out of a
/// database once), used where they lie with no copy. Appending to a view first copies it.
///
/// `@unchecked Sendable`: a view's bytes are never written (`FixedBytes`), and an owned column is a value. Its
/// reads and `append` are inlinable (specialised in the scanning loops of other modules). They are `public`, not
/// `package`, for that: Swift 6.3 does not inline or specialise a `package` `@inlinable` member in another module
/// (every call went to the generic entry point, which looks up the column's metadata). CordSupport is no product,
/// so `public` here reaches no further than the package.
public struct FlatColumn<Element: BitwiseCopyable>: @unchecked Sendable {
    @usableFromInline var owned: [Element]
    /// The first viewed value, or nil for an owned column (an empty view is one).
    @usableFromInline var base: UnsafePointer<Element>?
    @usableFromInline var viewCount = 0
    /// The viewed bytes' owner, or nil for an owned column.
    private var bytes: FixedBytes?
    /// Whether `bytes` is set: what `isView` says, readable by the inlinable `append`.
    @usableFromInline var viewsBytes = false

    /// An empty, owned column.
    public init() { owned = [] }

    /// An owned column of these values.
    ///
    /// - Parameter values: The values.
    public init(_ values: [Element]) { owned = values }

    /// A view of `count` values at byte `offset` of `bytes`; nil when they do not fit or are misaligned.
    ///
    /// - Parameters:
    ///   - bytes: The bytes the view reads; the column keeps them alive.
    ///   - offset: The byte offset of the first value.
    ///   - count: How many values.
    package init?(viewing bytes: FixedBytes, offset: Int, count: Int) {
        let size = count * MemoryLayout<Element>.stride
        guard offset >= 0, count >= 0, offset + size <= bytes.buffer.count else { return nil }
        owned = []
        self.bytes = bytes
        viewsBytes = true
        viewCount = count
        guard count > 0 else { return }
        let start = bytes.buffer.baseAddress! + offset
        guard Int(bitPattern: start) % MemoryLayout<Element>.alignment == 0 else { return nil }
        base = UnsafePointer(start.bindMemory(to: Element.self, capacity: count))
    }

    /// True when the values are read in place from bytes this column does not own.
    @inlinable public var isView: Bool { viewsBytes }

    /// Calls `body` with the values in one contiguous buffer.
    ///
    /// - Parameter body: Reads the values; the buffer is valid only while it runs.
    /// - Returns: What `body` returns.
    /// - Throws: Whatever `body` throws.
    @inlinable
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
        if let base { return try body(UnsafeBufferPointer(start: base, count: viewCount)) }
        return try owned.withUnsafeBufferPointer(body)
    }

    /// Appends a value (copying a view into an owned column first). Inlinable, so that the index build appends
    /// to a specialised array: the generic one looked up `Array<Element>`'s metadata on every call.
    ///
    /// - Parameter value: The value to append.
    @inlinable
    public mutating func append(_ value: Element) {
        if isView { ownValues() }
        owned.append(value)
    }

    /// Makes a view an owned column of the same values.
    @usableFromInline
    mutating func ownValues() {
        owned = Array(self)
        bytes = nil
        viewsBytes = false
        base = nil
        viewCount = 0
    }
}

extension FlatColumn: RandomAccessCollection {
    /// Always 0.
    @inlinable public var startIndex: Int { 0 }
    /// The number of values.
    @inlinable public var endIndex: Int { base != nil ? viewCount : owned.count }
    /// The number of values (the same as `endIndex`, without the collection's generic `distance(from:to:)`).
    @inlinable public var count: Int { endIndex }

    /// The value at a position.
    ///
    /// - Parameter i: A position from 0 up to (not including) `count`; past it a view traps.
    @inlinable
    public subscript(i: Int) -> Element {
        if let base {
            precondition(i >= 0 && i < viewCount, "FlatColumn index out of range")
            return base[i]
        }
        return owned[i]
    }
}
