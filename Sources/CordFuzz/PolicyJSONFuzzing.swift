import CordMatch
import Foundation
import HLA

/// A policy file through `PolicyLoader.decode`. A policy it accepts passes `PolicyLoader.validate` (one
/// validator) and is read back from `PolicyLoader.encode` as the same policy; a refusal has a short, printable
/// message.
enum PolicyJSONFuzzing {
    static func run(_ input: [UInt8]) throws(FuzzViolation) {
        let policy: SelectionPolicy
        do { policy = try PolicyLoader.decode(Data(input), file: "fuzz.json") } catch {
            try FuzzOracle.checkMessage("\(error)", of: "PolicyLoader.decode")
            return
        }
        do { try PolicyLoader.validate(policy) } catch {
            throw FuzzViolation("PolicyLoader.validate refuses a decoded policy: \(InputExcerpt.of("\(error)"))")
        }
        let written = PolicyLoader.encode(policy)
        guard let again = try? PolicyLoader.decode(Data(written.utf8), file: "fuzz.json"), again == policy else {
            throw FuzzViolation("a decoded policy is not read back from PolicyLoader.encode as itself: \(InputExcerpt.of(written))")
        }
    }
}
