import Testing
@testable import CordServer

/// The stored form of secrets: existing databases hold SHA-256 digests in lowercase hex, so the digest must stay
/// exactly that (FIPS 180-2's test vectors), and comparisons must see every byte.
@Suite struct SecretTokenTests {
    @Test func digestsAreLowercaseHexSHA256() {
        #expect(SecretToken.digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SecretToken.digest("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        let secret = SecretToken.generate(prefix: SecretToken.apiTokenPrefix)
        #expect(SecretToken.digest(secret).count == 64 && SecretToken.digest(secret) != SecretToken.digest(secret + "x"))
    }

    @Test func equalComparesEveryByte() {
        #expect(SecretToken.equal("cmt_abc", "cmt_abc"))
        #expect(!SecretToken.equal("cmt_abc", "cmt_abd") && !SecretToken.equal("cmt_abc", "dmt_abc") && !SecretToken.equal("abc", "abcd"))
    }
}
