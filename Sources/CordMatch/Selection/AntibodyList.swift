import Foundation

/// The `TARGET=MFI;TARGET=MFI` list form of a recipient's antibodies (CSV column `DSA`, CLI `--dsa`); each MFI is
/// read as `NumericField.antibodyMFI`.
public enum AntibodyList {
    /// Reads an antibody list.
    ///
    /// - Parameters:
    ///   - text: `TARGET=MFI` items separated by `;` (blank items skipped; white space around each part ignored).
    ///   - resolver: Resolves each target against the release.
    /// - Returns: The antibodies, in the order written.
    /// - Throws: `TypingError` when an item is not `TARGET=MFI`, an MFI is not a number in range, or a target does
    ///   not resolve (see `Antibody.init(target:mfi:resolver:)`); `HLAParseError` when a target is not a typing.
    public static func parse(_ text: String, resolver: TypingResolver) throws -> [Antibody] {
        try text.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.map { item in
            let parts = item.split(separator: "=", omittingEmptySubsequences: false)
            guard parts.count == 2 else {
                throw TypingError(typing: item, reason: "an antibody is TARGET=MFI, e.g. A*24:02=8000 or B7=3500")
            }
            switch NumericField.antibodyMFI.read(parts[1].trimmingCharacters(in: .whitespaces)) {
            case .failure(let why): throw TypingError(typing: item, reason: "MFI \(why.reason)")
            case .success(let mfi): return try Antibody(target: parts[0].trimmingCharacters(in: .whitespaces), mfi: mfi, resolver: resolver)
            }
        }
    }
}
