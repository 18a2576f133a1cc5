/// How a rematch run computed one recipient's result: searched in full, merged incrementally from the previous
/// run, or not at all because the recipient could not be searched. Stored in `rematch_recipients.computed` and
/// written in reports as `full`, `incremental` or `error: <message>` (`description`).
public enum RematchComputation: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Searched against the whole inventory.
    case full
    /// The previous run's list with only the changed units scored again (`RecipientRematcher`).
    case incremental
    /// The recipient could not be searched; the message says why.
    case failed(String)

    /// What a failed computation's text starts with.
    static let failurePrefix = "error: "

    /// The computation a stored or reported text names.
    ///
    /// - Parameter text: `full`, `incremental` or `error: <message>`.
    /// - Returns: nil for any other text (no version of cordmatch writes one).
    public init?(text: String) {
        switch text {
        case "full": self = .full
        case "incremental": self = .incremental
        default:
            guard text.hasPrefix(Self.failurePrefix) else { return nil }
            self = .failed(String(text.dropFirst(Self.failurePrefix.count)))
        }
    }

    /// `full`, `incremental` or `error: <message>`: the stored and reported text.
    public var description: String {
        switch self {
        case .full: "full"
        case .incremental: "incremental"
        case .failed(let message): Self.failurePrefix + message
        }
    }

    /// Why the recipient could not be searched; nil when it was.
    public var failure: String? {
        if case .failed(let message) = self { return message }
        return nil
    }

    /// Decodes the text `description` writes.
    ///
    /// - Parameter decoder: a decoder holding one string.
    /// - Throws: `DecodingError.dataCorrupted` when the string names no computation.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let computation = Self(text: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not full, incremental or error: …")
        }
        self = computation
    }

    /// Encodes `description`, one string.
    ///
    /// - Parameter encoder: the encoder.
    /// - Throws: what the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
