import Crypto
import Foundation

/// The secrets the server hands out — API tokens, session cookies, CSRF tokens: 32 random bytes from the system's
/// cryptographic generator, written base64url; the database keeps only their SHA-256 digest; comparisons take the
/// same time wherever the first difference is.
public enum SecretToken {
    /// Random bytes per secret.
    public static let byteCount = 32
    /// API tokens start with this, so that a leaked one is recognisable (secret scanners, logs).
    public static let apiTokenPrefix = "cmt_"

    /// A new secret: `byteCount` random bytes, base64url without padding.
    ///
    /// - Parameter prefix: Written before the secret (`SecretToken.apiTokenPrefix` for API tokens).
    /// - Returns: `prefix` followed by the secret.
    public static func generate(prefix: String = "") -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<byteCount).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return prefix + Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// The stored form of a secret: its SHA-256 digest in hex.
    ///
    /// - Parameter secret: The secret as given.
    /// - Returns: 64 lowercase hex digits.
    public static func digest(_ secret: String) -> String {
        // Every request's credentials go through this: lowercase hex written directly (`String(format:)` per byte
        // was 5 % of a cached search's CPU).
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(2 * SHA256.byteCount)
        for byte in SHA256.hash(data: Data(secret.utf8)) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    /// Compares two secrets in time that depends on their lengths only.
    ///
    /// - Parameters:
    ///   - a: A secret.
    ///   - b: Another secret.
    /// - Returns: Whether they are the same bytes.
    public static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for i in 0..<x.count { difference |= x[i] ^ y[i] }
        return difference == 0
    }
}
