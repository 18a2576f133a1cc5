import HLA

/// The server's input limits in words, for error messages.
enum InputLimitsText {
    static var requestBytes: String { "\(InputLimits.requestBytes / 1024) KiB" }
}
