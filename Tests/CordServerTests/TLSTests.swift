import CordInventory
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import CordServer

/// The server speaking HTTPS itself (`--tls-cert`, `--tls-key`), on loopback with a certificate made for the test:
/// the API answers over TLS, cookies are Secure, responses carry Strict-Transport-Security.
@Suite struct TLSTests {
    /// A self-signed certificate and key for localhost, made with openssl into `folder`.
    static func certificate(in folder: URL) throws -> ServerConfiguration.TLSFiles {
        let cert = folder.appendingPathComponent("cert.pem").path, key = folder.appendingPathComponent("key.pem").path
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        p.arguments = ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=localhost"]
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        return .init(certificate: cert, privateKey: key)
    }

    @Test func overTLSCookiesAreSecureAndHSTSIsSent() async throws {
        let f = try await ServerFixture()
        let files = try Self.certificate(in: f.folder)
        let expected = try f.expectedSearch("R-0001")
        try await f.app { $0.tls = files }.test(.ahc(.https)) { client in
            try await client.execute(uri: "/login", method: .get) { r in
                #expect(r.status == .ok)
                let cookie = try #require(r.headers[values: .setCookie].first)
                #expect(cookie.contains("Secure") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
                #expect(r.headers[.strictTransportSecurity] == "max-age=31536000")
            }
            try await client.execute(uri: "/api/v1/recipients/R-0001/search?search_date=\(ServerFixture.searchDate)", method: .get,
                                     headers: f.bearer(.viewer)) { r in
                #expect(r.status == .ok && r.text == expected)
            }
        }
    }
}
