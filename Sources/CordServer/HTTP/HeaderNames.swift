import HTTPTypes

/// Header names the server reads or writes that HTTPTypes does not define.
extension HTTPField.Name {
    static let xFrameOptions = Self("X-Frame-Options")!
    static let referrerPolicy = Self("Referrer-Policy")!
    /// Believed only with `--behind-proxy` (`ServerConfiguration.trustForwardedHeaders`).
    static let xForwardedProto = Self("X-Forwarded-Proto")!
    static let xForwardedFor = Self("X-Forwarded-For")!
    /// The CSRF token of a session, on a state-changing API call authenticated by the session cookie.
    static let xCSRFToken = Self("X-CSRF-Token")!
}
