/// Why an XML input cannot be read, and the line (1-based) where the reader found it: bytes that are not in the
/// file's encoding, a character XML does not allow, or markup that is not well-formed. The reader stops at the
/// first one (nothing after it can be trusted). `reason` quotes the input only through `InputExcerpt`.
struct XMLSyntaxError: Error, Equatable, CustomStringConvertible {
    let line: Int
    let reason: String

    var description: String { "line \(line): \(reason)" }
}
